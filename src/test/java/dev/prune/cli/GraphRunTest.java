package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Unstructured criteria and IMP with rewinding end to end on a small ResNet, a narrow batch-normalised
 * VGG and MobileNetV2 with its depthwise convs (tiny images, two iterations an epoch). One run per
 * model: every criterion is a variant of a sweep, so each prunes the same trained network, rewinds
 * to iteration 1 and retrains, as a recipe of its own would.
 */
@Tag("slow")
class GraphRunTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String RECIPE = """
            seed 3
            model %s
            data shapes(train=64, test=32, batch=32, size=%d)
            optimizer sgd(momentum=0.9, weight_decay=0.0005)
            lr 0.05
            train 1 epoch
            rewind to iteration 1
            retrain 1 epoch
            sweep c in [%s] {
                prune c by 50%% every cycle
                run 1 cycle
            }
            sweep g in [%s] {
                prune global g by 50%% every cycle
                run 1 cycle
            }
            """;

    /**
     * The ResNet and the VGG take every criterion; MobileNetV2 (2.3 M parameters) the two whose
     * graph passes are its own: SNIP's gradient through depthwise convs and SynFlow's data-free flow.
     * Images are 12x12 (16x16 for the VGG, whose four poolings need them).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "resnet(depth=8); 12; l1, random, snip, grasp, taylor, change; l1, synflow(rounds=5)",
        "vgg(depth=11, width=0.125); 16; l1, random, snip, grasp, taylor, change; l1, synflow(rounds=5)",
        "mobilenet_v2; 12; snip; synflow(rounds=2)"})
    void everyCriterionPrunesAGraphNetworkAndItRetrains(String model, int size, String local, String global)
            throws IOException {
        String body = RECIPE.formatted(model, size, local, global);
        if (model.startsWith("resnet")) {
            // a selection by pattern, after the sweeps, from the state before them
            body += "prune l1 on \"stage3.*\" by 50% every cycle\nrun 1 cycle\n";
        }
        Path recipe = dir.resolve("r.prune");
        Files.writeString(recipe, body);
        Path out = dir.resolve("out");
        CliTest.Result r = CliTest.prune("run", recipe.toString(), "--out", out.toString());
        assertEquals(Main.OK, r.code(), r.out() + r.err());
        List<JsonNode> pruned = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("cycles.jsonl"))) {
            JsonNode row = JSON.readTree(line);
            if (row.get("cycle").asInt() > 0) {
                pruned.add(row);
            }
        }
        List<String> expected = new ArrayList<>();
        for (String c : local.split(", ")) {
            expected.add("c=" + c);
        }
        for (String g : global.split(", ")) {
            expected.add("g=" + g);
        }
        if (model.startsWith("resnet")) {
            expected.add("");
        }
        assertEquals(expected, pruned.stream().map(row -> row.path("variant").asText("")).toList(),
                "one pruned cycle per criterion");
        for (JsonNode row : pruned) {
            double sparsity = row.get("sparsity").asDouble();
            assertTrue(sparsity > 0.05 && sparsity < 0.6, row.path("variant").asText() + ": sparsity " + sparsity);
        }
        if (model.startsWith("resnet")) {
            JsonNode stage3 = pruned.get(pruned.size() - 1);
            assertEquals(0.5, stage3.get("sparsity_stage3.block1.conv1").asDouble(), 0.01, stage3.toString());
            assertEquals(0.0, stage3.get("sparsity_stem").asDouble(), stage3.toString());
        }
    }
}

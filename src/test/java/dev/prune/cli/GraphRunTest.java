package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unstructured criteria and IMP with rewinding end to end on a small ResNet, a narrow batch-normalised
 * VGG and MobileNetV2 with its depthwise convs (tiny data, three iterations an epoch).
 */
@Tag("slow")
class GraphRunTest {
    @TempDir
    Path dir;

    private static final String RECIPE = """
            seed 3
            model %s
            data shapes(train=96, test=32, batch=32)
            optimizer sgd(momentum=0.9, weight_decay=0.0005)
            lr 0.05
            train 1 epoch
            prune %s by 50%% every cycle
            rewind to iteration 2
            retrain 1 epoch
            run 1 cycle
            """;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = ';', value = {
        "resnet(depth=8); l1", "resnet(depth=8); global l1", "resnet(depth=8); random", "resnet(depth=8); snip",
        "resnet(depth=8); grasp", "resnet(depth=8); taylor", "resnet(depth=8); change",
        "resnet(depth=8); l1 on \"stage3.*\"", "resnet(depth=8); global synflow(rounds=5)",
        "vgg(depth=11, width=0.125); l1", "vgg(depth=11, width=0.125); global l1", "vgg(depth=11, width=0.125); random", "vgg(depth=11, width=0.125); snip",
        "vgg(depth=11, width=0.125); grasp", "vgg(depth=11, width=0.125); taylor", "vgg(depth=11, width=0.125); change",
        "vgg(depth=11, width=0.125); global synflow(rounds=5)",
        "mobilenet_v2; snip", "mobilenet_v2; global synflow(rounds=2)"})
    void aCriterionPrunesAGraphNetworkAndItRetrains(String model, String criterion) throws IOException {
        String body = criterion.startsWith("global ")
                ? RECIPE.replace("prune %s", "prune global %s").formatted(model, criterion.substring(7))
                : RECIPE.formatted(model, criterion);
        Path recipe = dir.resolve("r.prune");
        Files.writeString(recipe, body);
        Path out = dir.resolve("out");
        CliTest.Result r = CliTest.prune("run", recipe.toString(), "--out", out.toString());
        assertEquals(Main.OK, r.code(), r.out() + r.err());
        List<String> lines = Files.readAllLines(out.resolve("cycles.csv"));
        assertEquals(3, lines.size(), String.join("\n", lines));
        List<String> header = List.of(lines.get(0).split(","));
        double sparsity = Double.parseDouble(lines.get(2).split(",")[header.indexOf("sparsity")]);
        assertTrue(sparsity > 0.05 && sparsity < 0.6, criterion + ": sparsity " + sparsity);
    }
}

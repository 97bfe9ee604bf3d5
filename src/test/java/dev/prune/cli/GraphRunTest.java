package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Unstructured criteria and IMP with rewinding end to end on a small ResNet (tiny data, a few iterations). */
@Tag("slow")
class GraphRunTest {
    @TempDir
    Path dir;

    private static final String RECIPE = """
            seed 3
            model resnet(depth=8)
            data shapes(train=240, test=60)
            optimizer sgd(momentum=0.9, weight_decay=0.0005)
            lr 0.05
            train 1 epoch
            prune %s by 50%% every cycle
            rewind to iteration 2
            retrain 1 epoch
            run 1 cycle
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"l1", "global l1", "random", "snip", "grasp", "taylor", "change", "l1 on \"stage3.*\""})
    void aCriterionPrunesAResnetAndItRetrains(String criterion) throws IOException {
        String body = criterion.startsWith("global ") ? RECIPE.replace("prune %s", "prune global %s")
                .formatted(criterion.substring(7)) : RECIPE.formatted(criterion);
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

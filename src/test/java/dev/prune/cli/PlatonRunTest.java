package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.dl4j.Dl4jEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PLATON inside training, on the built-in shapes: the sparsity follows the cubic as gradual
 * magnitude pruning's does, but the weights that go are others.
 */
@Tag("slow")
class PlatonRunTest {
    @TempDir
    Path dir;

    private Path run(String name, String criterion) throws IOException {
        Path recipe = dir.resolve(name + ".prune");
        Files.writeString(recipe, """
                seed 5
                model lenet_300_100
                data shapes(train=600, test=200)
                optimizer sgd(momentum=0.9)
                lr 0.05
                prune global %s to 80%% every 2 iterations until 10 iterations
                retrain 5 iterations
                run 2 cycles
                save "end.zip"
                """.formatted(criterion));
        Path out = dir.resolve(name);
        CliTest.Result r = CliTest.prune("run", recipe.toString(), "--out", out.toString());
        assertEquals(Main.OK, r.code(), r.out() + r.err());
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<float[]> masks(Path run) throws IOException {
        return (List<float[]>) ModelSerializer.getObjectFromFile(run.resolve("end.zip").toFile(),
                Dl4jEngine.MASKS_ENTRY);
    }

    private static List<String> sparsity(Path run) throws IOException {
        return Files.readAllLines(run.resolve("cycles.csv")).stream().skip(1)
                .map(line -> line.split(",", -1)[1]).toList();
    }

    @Test
    void prunesOnTheCubicByItsOwnScores() throws IOException {
        Path platon = run("platon", "platon");
        Path magnitude = run("l1", "l1");
        // The same schedule: 0, 62.72% at t = 4 (0.8 - 0.8 (1 - 4/10)^3), then 80%.
        assertEquals(sparsity(magnitude), sparsity(platon));
        assertEquals(0.6272, Double.parseDouble(sparsity(platon).get(1)), 2e-4);
        assertEquals(0.8, Double.parseDouble(sparsity(platon).get(2)), 2e-4);
        List<float[]> p = masks(platon);
        List<float[]> m = masks(magnitude);
        assertTrue(!Arrays.equals(p.get(0), m.get(0)), "platon's masks are not magnitude's");
    }
}

package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rates and targets per layer in one policy, trained for real on DL4J: the records show each layer at
 * its own rate, or going to its own target.
 */
@Tag("slow")
class LayerRatesRunTest {
    @TempDir
    Path dir;

    @Test
    void eachSelectionLosesItsOwnShareEveryCycle() throws IOException {
        Path recipe = dir.resolve("rates.prune");
        Files.writeString(recipe, """
                seed 3
                model mlp(784, 16, 10)
                data shapes(train=200, test=100, batch=100)
                lr 0.05
                train 2 iterations
                prune l1 by 20% on hidden, 10% on output every cycle
                retrain 2 iterations
                run 2 cycles
                """);
        Path out = dir.resolve("out");
        CliTest.Result r = CliTest.prune("run", recipe.toString(), "--out", out.toString());
        assertEquals(Main.OK, r.code(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("cycles.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int fc1 = header.indexOf("sparsity_fc1");
        int output = header.indexOf("sparsity_out");
        assertTrue(fc1 > 0 && output > 0, lines.get(0));
        long[] hidden = {784 * 16, 784 * 16};
        long[] last = {16 * 10, 16 * 10};
        for (int c = 1; c <= 2; c++) {
            hidden[1] -= (long) Math.ceil(0.2 * hidden[1]);
            last[1] -= (long) Math.ceil(0.1 * last[1]);
            String[] cells = lines.get(c + 1).split(",", -1);
            assertEquals(1 - (double) hidden[1] / hidden[0], Double.parseDouble(cells[fc1]), 1e-6, "fc1, cycle " + c);
            assertEquals(1 - (double) last[1] / last[0], Double.parseDouble(cells[output]), 1e-6, "out, cycle " + c);
        }
        assertTrue(Files.readString(out.resolve("recipe.prune")).contains("prune l1 by 20% on hidden, 10% on output every cycle"));
    }

    @Test
    void eachSelectionReachesItsOwnTargetAndStaysThere() throws IOException {
        Path recipe = dir.resolve("targets.prune");
        Files.writeString(recipe, """
                seed 3
                model mlp(784, 16, 10)
                data shapes(train=200, test=100, batch=100)
                lr 0.05
                train 2 iterations
                prune l1 to 50% on hidden, 25% on output over 2 cycles every cycle
                retrain 2 iterations
                run 3 cycles
                """);
        Path out = dir.resolve("out");
        CliTest.Result r = CliTest.prune("run", recipe.toString(), "--out", out.toString());
        assertEquals(Main.OK, r.code(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("cycles.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int fc1 = header.indexOf("sparsity_fc1");
        int output = header.indexOf("sparsity_out");
        // Half-way after one cycle at each selection's even pace, the targets after two, no step after that.
        double[][] expected = {{1 - Math.sqrt(0.5), 1 - Math.sqrt(0.75)}, {0.5, 0.25}, {0.5, 0.25}};
        for (int c = 1; c <= 3; c++) {
            String[] cells = lines.get(c + 1).split(",", -1);
            assertEquals(expected[c - 1][0], Double.parseDouble(cells[fc1]), 1.0 / (784 * 16), "fc1, cycle " + c);
            assertEquals(expected[c - 1][1], Double.parseDouble(cells[output]), 1.0 / (16 * 10), "out, cycle " + c);
        }
        assertTrue(Files.readString(out.resolve("recipe.prune"))
                .contains("prune l1 to 50% on hidden, 25% on output over 2 cycles every cycle"));
    }
}

package dev.prune.cli;

import static dev.prune.cli.CycleRows.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.dl4j.Dl4jEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The procedures end to end on DL4J, on tiny built-in data (10 iterations an epoch at batch 60). */
@Tag("slow")
class ProceduresRunTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            seed 5
            model lenet_300_100
            data shapes(train=600, test=200%s)
            optimizer sgd(momentum=0.9)
            lr 0.05
            """;

    private Path run(String name, String body, String dataExtra) throws IOException {
        Path recipe = dir.resolve(name + ".prune");
        Files.writeString(recipe, String.format(HEAD, dataExtra) + body);
        Path out = dir.resolve(name);
        CliTest.Result r = CliTest.prune("run", recipe.toString(), "--out", out.toString());
        assertEquals(Main.OK, r.code(), r.out() + r.err());
        return out;
    }


    @Test
    void gradualPruningFollowsTheCubicAndHoldsTheTarget() throws IOException {
        // Steps every 2 iterations until 10: the last step of cycle 1 (t = 5) is at t = 4, where
        // s = 0.8 - 0.8 * (1 - 4/10)^3 = 0.6272; from t = 10 on, 0.8.
        List<Map<String, String>> rows = CycleRows.of(run("gmp", """
                prune l1 to 80% every 2 iterations until 1 epoch
                retrain 5 iterations
                run 3 cycles
                """, ""));
        assertEquals(0, num(rows.get(0), "sparsity"));
        assertEquals(0.6272, num(rows.get(1), "sparsity"), 2e-4);
        for (int c = 2; c <= 3; c++) {
            assertEquals(0.8, num(rows.get(c), "sparsity"), 2e-4, "cycle " + c);
            assertEquals(0.8, num(rows.get(c), "sparsity_fc1"), 1e-4);
        }
    }

    @Test
    void riglMovesTheMasksAtAConstantSparsityAndRepeatsExactly() throws IOException {
        String body = """
                prune rigl to 90% every 5 iterations until 3 epochs
                save "start.zip"
                retrain 1 epoch
                run 3 cycles
                save "end.zip"
                """;
        Path a = run("rigl", body, "");
        List<Map<String, String>> rows = CycleRows.of(a);
        for (Map<String, String> row : rows) {
            assertEquals(0.9, num(row, "sparsity"), 1e-4);
            // Erdos-Renyi-kernel: the output layer stays dense, fc1 and fc2 share the rest.
            assertEquals(0.920433, num(row, "sparsity_fc1"), 1e-4);
            assertEquals(0.769811, num(row, "sparsity_fc2"), 1e-4);
            assertEquals(0, num(row, "sparsity_out"));
        }
        assertTrue(num(rows.get(3), "loss") < num(rows.get(0), "loss") - 0.1, "learns: " + rows);
        List<float[]> start = masks(a.resolve("start.zip"));
        List<float[]> end = masks(a.resolve("end.zip"));
        assertFalse(Arrays.equals(start.get(0), end.get(0)), "connections moved");
        assertEquals(zeros(start.get(0)), zeros(end.get(0)));
        assertEquals(withoutSeconds(a), withoutSeconds(run("rigl2", body, "")));
    }

    @Test
    void rewindingToAnIterationReplaysTheDenseRatesFromThere() throws IOException {
        List<Map<String, String>> rows = CycleRows.of(run("rewind", """
                lr cosine(lr=0.05)
                train 2 epochs
                prune global l1 by 50% every cycle
                rewind to iteration 5 with lr
                retrain 10 iterations
                run 2 cycles
                """, ""));
        // Iterations 5..14 of a 20-iteration cosine: the highest is at 5.
        double expected = 0.05 * (1 + Math.cos(Math.PI * 5 / 20)) / 2;
        assertEquals(expected, num(rows.get(1), "lr_max"), 1e-6);
        assertEquals(0.05 * (1 + Math.cos(Math.PI * 14 / 20)) / 2, num(rows.get(1), "lr_min"), 1e-6);
        assertEquals(0.75, num(rows.get(2), "sparsity"), 1e-5);
    }

    @Test
    void earlyStoppingEndsTheRetrainingBeforeItsMaximum() throws IOException {
        List<Map<String, String>> rows = CycleRows.of(run("early", """
                train 3 epochs
                prune l1 by 50% every cycle
                retrain up to 40 epochs stop early(patience=1)
                run 1 cycle
                """, ", val=300"));
        double epochs = num(rows.get(1), "epochs");
        assertTrue(epochs >= 2 && epochs < 40, "stopped after " + epochs + " epochs");
    }

    @Test
    void scratchTrainsAsLongAsTheDenseTrainingOrThatTimesTheFlopsSaved() throws IOException {
        List<Map<String, String>> rows = CycleRows.of(run("baselines", """
                train 2 epochs
                prune global l1 to 75%
                import "scratch"
                """, ""));
        assertEquals(3, rows.size());
        assertEquals(2, num(rows.get(1), "epochs"), 1e-9);
        assertEquals(0.75, num(rows.get(1), "sparsity"), 1e-5);
        // Dense layers: FLOPs follow the weights, so 25% left is 4 times fewer: 8 epochs.
        assertEquals(8, num(rows.get(2), "epochs"), 1e-9);
        assertTrue(num(rows.get(2), "accuracy") > 0.3, "learns: " + rows.get(2));
    }

    @SuppressWarnings("unchecked")
    private static List<float[]> masks(Path file) throws IOException {
        return (List<float[]>) ModelSerializer.getObjectFromFile(file.toFile(), Dl4jEngine.MASKS_ENTRY);
    }

    private static int zeros(float[] a) {
        int n = 0;
        for (float v : a) {
            n += v == 0f ? 1 : 0;
        }
        return n;
    }

    private static List<String> withoutSeconds(Path run) throws IOException {
        List<String> out = new ArrayList<>();
        for (Map<String, String> row : CycleRows.of(run)) {
            row.remove("seconds");
            out.add(row.toString());
        }
        return out;
    }
}

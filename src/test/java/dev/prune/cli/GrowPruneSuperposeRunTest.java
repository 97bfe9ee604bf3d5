package dev.prune.cli;

import static dev.prune.cli.CycleRows.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GaP and Sup-tickets end to end on DL4J, on tiny built-in data (10 iterations an epoch at batch 60). */
@Tag("slow")
class GrowPruneSuperposeRunTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            seed 5
            model lenet_300_100
            data shapes(train=600, test=200)
            optimizer sgd(momentum=0.9)
            lr 0.05
            """;

    private Path run(String name, String body) throws IOException {
        Path recipe = dir.resolve(name + ".prune");
        Files.writeString(recipe, HEAD + body);
        Path out = dir.resolve(name);
        CliTest.Result r = CliTest.prune("run", recipe.toString(), "--out", out.toString());
        assertEquals(Main.OK, r.code(), r.out() + r.err());
        return out;
    }


    @Test
    void gapGrowsOneGroupDenseAtATimeAndEndsAtTheTarget() throws IOException {
        // Three groups, one layer each; a step every 5 iterations until 20. Before the first
        // cycle fc1 is grown; at 5 it is pruned back and fc2 grows; at 10 the output layer; at 15
        // fc1 again; at 20 fc1 is pruned back and nothing grows: every layer at 80% from then on.
        List<Map<String, String>> rows = CycleRows.of(run("gap", """
                prune gap(groups=3) to 80% every 5 iterations until 2 epochs
                retrain 5 iterations
                run 6 cycles
                """));
        double[][] expected = {
                {0, 0.8, 0.8}, {0.8, 0, 0.8}, {0.8, 0.8, 0}, {0, 0.8, 0.8}, {0.8, 0.8, 0.8}, {0.8, 0.8, 0.8}, {0.8, 0.8, 0.8}};
        assertEquals(expected.length, rows.size());
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c][0], num(rows.get(c), "sparsity_fc1"), 1e-9, "fc1 at cycle " + c);
            assertEquals(expected[c][1], num(rows.get(c), "sparsity_fc2"), 1e-9, "fc2 at cycle " + c);
            assertEquals(expected[c][2], num(rows.get(c), "sparsity_out"), 1e-9, "out at cycle " + c);
        }
        // 30 iterations, at least 80% sparse in two of three layers: it learns, slowly.
        assertTrue(num(rows.get(6), "loss") < num(rows.get(0), "loss") - 0.03, "learns: " + rows);
    }

    @Test
    void supTicketsAveragesTheCycleEndsAndKeepsRigLsSparsity() throws IOException {
        // The same RigL training twice; superposing happens only at its end (iteration 20), so the
        // run with one cycle ends on the last ticket itself, and the run with two on the average
        // of the networks at 15 and 20, re-sparsified by magnitude. RigL moves connections at 16
        // and 18, so the two tickets' masks differ.
        String body = """
                prune sup_tickets(cycles=%d, cycle=5 iterations) to 90%% every 2 iterations until 2 epochs
                retrain 5 iterations
                run 3 cycles
                save "c3.zip"
                run 1 cycle
                save "end.zip"
                """;
        Path two = run("two", body.formatted(2));
        Path one = run("one", body.formatted(1));
        for (Map<String, String> row : CycleRows.of(two)) {
            assertEquals(0.920433, num(row, "sparsity_fc1"), 1e-4);
            assertEquals(0.769811, num(row, "sparsity_fc2"), 1e-4);
            assertEquals(0, num(row, "sparsity_out"));
        }
        float[] c3 = params(two.resolve("c3.zip"));
        float[] last = params(one.resolve("end.zip"));
        float[] sup = params(two.resolve("end.zip"));
        int averaged = 0;
        int dropped = 0;
        for (int i = 0; i < sup.length; i++) {
            float mean = (c3[i] + last[i]) / 2;
            if (sup[i] == 0f && mean != 0f) {
                dropped++;
            } else {
                assertEquals(mean, sup[i], 1e-6, "parameter " + i);
                averaged += c3[i] != last[i] ? 1 : 0;
            }
        }
        assertTrue(averaged > 1000, "averaged parameters: " + averaged);
        // The average of two tickets on different masks is denser than either: re-sparsifying drops weights.
        assertTrue(dropped > 0, "dropped by re-sparsifying: " + dropped);
    }

    @Test
    void bothRunOnAResidualBatchNormalisedNetwork() throws IOException {
        // Four layer groups of ResNet-8 take turns; Sup-tickets averages every parameter, batch
        // norm statistics included, and recomputes them on the training data.
        String head = """
                seed 1
                model resnet(depth=8)
                data shapes(train=96, test=32, batch=32, size=12)
                optimizer sgd(momentum=0.9)
                lr 0.05
                """;
        for (String prune : List.of("prune gap(groups=4) to 80% every 1 iterations until 2 epochs",
                "prune sup_tickets(cycles=2, cycle=1 epoch) to 80% every 1 iterations until 2 epochs")) {
            Path recipe = dir.resolve("resnet.prune");
            Files.writeString(recipe, head + prune + "\nretrain 1 epoch\nrun 3 cycles\n");
            Path out = dir.resolve("resnet-" + prune.split("[ (]")[1]);
            CliTest.Result r = CliTest.prune("run", recipe.toString(), "--out", out.toString());
            assertEquals(Main.OK, r.code(), r.out() + r.err());
            List<Map<String, String>> rows = CycleRows.of(out);
            assertEquals(0.8, num(rows.get(3), "sparsity"), 1e-3, prune + ": " + rows);
            assertTrue(Double.isFinite(num(rows.get(3), "loss")), prune + ": " + rows);
        }
    }

    private static float[] params(Path zip) throws IOException {
        ComputationGraph net = ModelSerializer.restoreComputationGraph(zip.toFile(), false);
        return net.params().dup().data().asFloat();
    }
}

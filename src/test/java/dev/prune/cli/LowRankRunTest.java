package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.dl4j.Dl4jEngine;
import dev.prune.pruning.LowRank;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stdlib modules of i-SpaSP and LRPET run on LeNet-300-100 and the built-in shapes: i-SpaSP
 * leaves each hidden layer the width its rate asks for; LRPET leaves every dense hidden layer's
 * saved matrix at the rank its share asks for, the output layer untouched.
 */
@Tag("slow")
class LowRankRunTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            seed 5
            model lenet_300_100
            data shapes(train=600, test=200)
            optimizer sgd(momentum=0.9)
            lr 0.05
            """;

    private Path run(String name, String body, String... sets) throws IOException {
        Path recipe = dir.resolve(name + ".prune");
        Files.writeString(recipe, HEAD + body + "save \"end.zip\"\n");
        Path out = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("run", recipe.toString(), "--out", out.toString()));
        for (String s : sets) {
            args.addAll(List.of("--set", s));
        }
        CliTest.Result r = CliTest.prune(args.toArray(new String[0]));
        assertEquals(Main.OK, r.code(), r.out() + r.err());
        return out;
    }

    @Test
    void ispaspLeavesEachHiddenLayerItsShareOfNeurons() throws IOException {
        Path out = run("ispasp", "train 1 epoch\nimport \"ispasp\"\nrun 1 cycle\n", "ispasp_rate=75%",
                "ispasp_rounds=2", "ispasp_examples=100");
        @SuppressWarnings("unchecked")
        List<float[]> masks = (List<float[]>) ModelSerializer.getObjectFromFile(out.resolve("end.zip").toFile(),
                Dl4jEngine.MASKS_ENTRY);
        // ceil(75% of 300) = 225 go from fc1, 75 of fc2's 100.
        assertEquals(75, aliveRows(masks.get(0), 784));
        assertEquals(25, aliveRows(masks.get(1), 300));
        List<String> rows = Files.readAllLines(out.resolve("cycles.csv"));
        assertEquals(3, rows.size(), rows.toString());
    }

    @Test
    void lrpetLeavesTheDenseHiddenLayersAtTheirShareOfRank() throws IOException {
        // 5% of min(m, n): fc1 (300 x 784) at rank 15, fc2 (100 x 300) at rank 5.
        Path out = run("lrpet", "import \"lrpet\"\ntrain 23 iterations\n", "lrpet_share=5%", "lrpet_every=7");
        ComputationGraph net = ModelSerializer.restoreComputationGraph(out.resolve("end.zip").toFile());
        for (String layer : List.of("fc1", "fc2")) {
            int r = layer.equals("fc1") ? 15 : 5;
            double[] s = LowRank.svd(matrix(net.getParam(layer + "_W"))).s();
            assertTrue(s[r - 1] > 1e-3 * s[0], layer + ": " + s[r - 1]);
            assertTrue(s[r] < 1e-5 * s[0], layer + " has rank " + r + ": sigma_" + (r + 1) + " / sigma_1 = " + s[r] / s[0]);
        }
        double[] outS = LowRank.svd(matrix(net.getParam("out_W"))).s();
        assertTrue(outS[9] > 1e-3 * outS[0], "the output layer is not projected");
    }

    private static int aliveRows(float[] mask, int fanIn) {
        int alive = 0;
        for (int u = 0; u < mask.length / fanIn; u++) {
            for (int i = u * fanIn; i < (u + 1) * fanIn; i++) {
                if (mask[i] != 0f) {
                    alive++;
                    break;
                }
            }
        }
        return alive;
    }

    private static double[][] matrix(INDArray w) {
        double[][] a = new double[(int) w.rows()][(int) w.columns()];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                a[i][j] = w.getDouble(i, j);
            }
        }
        return a;
    }
}

package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.data.DataSplit;
import dev.prune.data.Shapes;
import dev.prune.engine.EngineException;
import dev.prune.engine.GradientRequest;
import dev.prune.engine.NetworkSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** PLATON's averages, by hand on four weights and through the engine on a small MLP. */
class ImportanceTest {

    @Test
    void twoIterationsOfTheAveragesMatchAHandCalculation() {
        INDArray w = Nd4j.create(new float[] {1f, -2f, 0.5f, 0f});
        INDArray mean = Nd4j.zeros(DataType.FLOAT, 4);
        INDArray uncertainty = Nd4j.zeros(DataType.FLOAT, 4);
        // Gradients summed over a mini-batch of 2: halved, they are (1, .5, -2, 1.5), so I = (1, 1, 1, 0).
        ImportanceListener.update(w, Nd4j.create(new float[] {2f, 1f, -4f, 3f}), 0.5, mean, uncertainty, 0.85, 0.95);
        // Ī = .15 I; Ū = .05 |I - Ī| = .05 * .85
        assertArrayEquals(new float[] {0.15f, 0.15f, 0.15f, 0f}, mean.toFloatVector(), 1e-7f);
        assertArrayEquals(new float[] {0.0425f, 0.0425f, 0.0425f, 0f}, uncertainty.toFloatVector(), 1e-7f);
        // Mean gradient (0, 1, 1, 1): I = (0, 2, .5, 0).
        ImportanceListener.update(w, Nd4j.create(new float[] {0f, 2f, 2f, 2f}), 0.5, mean, uncertainty, 0.85, 0.95);
        // Ī = .85 * .15 + .15 I = (.1275, .4275, .2025, 0)
        assertArrayEquals(new float[] {0.1275f, 0.4275f, 0.2025f, 0f}, mean.toFloatVector(), 1e-6f);
        // |I - Ī| = (.1275, 1.5725, .2975, 0); Ū = .95 * .0425 + .05 |I - Ī|
        assertArrayEquals(new float[] {0.04675f, 0.119f, 0.05525f, 0f}, uncertainty.toFloatVector(), 1e-6f);
        // The weights are read, never written.
        assertArrayEquals(new float[] {1f, -2f, 0.5f, 0f}, w.toFloatVector());
    }

    @Test
    void theEngineAveragesTheGradientOfEveryIterationAtTheWeightsBeforeItsStep() {
        NetworkSpec net = Fixtures.mlp(784, 8, 10);
        // One mini-batch is the whole training split, so its gradient does not depend on the order.
        DataSplit data = Shapes.generate(32, 8, 0, 28, 5);
        double b1 = 0.85;
        double b2 = 0.95;
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.sgd(), data, 32, 3)) {
            assertThrows(EngineException.class, engine::importance);
            engine.trackImportance(b1, b2);
            int layers = net.layers().size();
            float[][] mean = new float[layers][];
            float[][] unc = new float[layers][];
            for (int step = 0; step < 2; step++) {
                List<float[]> w = engine.weights();
                List<float[]> g = engine.lossGradients(GradientRequest.plain(0, 32));
                for (int l = 0; l < layers; l++) {
                    int n = w.get(l).length;
                    if (mean[l] == null) {
                        mean[l] = new float[n];
                        unc[l] = new float[n];
                    }
                    for (int i = 0; i < n; i++) {
                        double imp = Math.abs(w.get(l)[i] * g.get(l)[i]);
                        mean[l][i] = (float) (b1 * mean[l][i] + (1 - b1) * imp);
                        unc[l][i] = (float) (b2 * unc[l][i] + (1 - b2) * Math.abs(imp - mean[l][i]));
                    }
                }
                engine.train(Fixtures.constant(1, 11 + step, 0.1), null);
            }
            List<float[]> scores = engine.importance();
            double diff = 0;
            double norm = 0;
            for (int l = 0; l < layers; l++) {
                assertEquals(mean[l].length, scores.get(l).length);
                for (int i = 0; i < scores.get(l).length; i++) {
                    double expected = (double) mean[l][i] * unc[l][i];
                    diff += Math.pow(scores.get(l)[i] - expected, 2);
                    norm += expected * expected;
                }
            }
            assertTrue(norm > 0);
            assertTrue(Math.sqrt(diff / norm) < 1e-3, "relative error " + Math.sqrt(diff / norm));
        }
    }
}

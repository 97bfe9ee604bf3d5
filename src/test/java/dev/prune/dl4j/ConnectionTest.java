package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Penalty;
import dev.prune.engine.TrainHook;
import dev.prune.engine.TrainRequest;
import dev.prune.pruning.Density;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Sparse connectivity learning: the mask variables' step by hand on a 2x3 layer, and through the engine. */
class ConnectionTest {

    @Test
    void theMaskVariablesStepByTheNormalisedStraightThroughGradientPlusLambda() {
        // A dense W [nIn = 2, nOut = 3]: the output features are the columns (axis 1).
        INDArray g = Nd4j.create(new float[][] {{1, -2, 0}, {3, 2, 0}});
        INDArray w = Nd4j.create(new float[][] {{0.5f, 1, 2}, {1, -1, 3}});
        INDArray v = Nd4j.create(new float[][] {{0.1f, 0.1f, 0.1f}, {0.1f, 0.1f, 0.1f}});
        ConnectionListener.updateMaskVariables(g, w, v, 1, 0.1, 0.5);
        // g*w = [[0.5, -2, 0], [3, -2, 0]]; column means of |g*w|: 1.75, 2, 0 (left at 0);
        // normalised [[2/7, -1, 0], [12/7, -1, 0]]; v = 0.1 - 0.5 (that + 0.1).
        float[][] expected = {{0.1f - 0.5f * (2f / 7 + 0.1f), 0.55f, 0.05f}, {0.1f - 0.5f * (12f / 7 + 0.1f), 0.55f, 0.05f}};
        assertArrayEquals(expected[0], v.getRow(0).toFloatVector(), 1e-6f);
        assertArrayEquals(expected[1], v.getRow(1).toFloatVector(), 1e-6f);
        // The gradient and the weights are read, never written.
        assertArrayEquals(new float[] {3, 2, 0}, g.getRow(1).toFloatVector());
        assertArrayEquals(new float[] {1, -1, 3}, w.getRow(1).toFloatVector());
    }

    @Test
    void afterTheStepKeptWeightsTakeItCutOnesKeepTheirValueAndTheNewMaskIsApplied() {
        INDArray w = Nd4j.create(new float[][] {{0.5f, 1, 2}, {1, -1, 3}});
        // The connection (1, 2) was cut: its parameter was 0 and momentum moved it to 0.7.
        INDArray mask = Nd4j.create(new float[][] {{1, 1, 1}, {1, 1, 0}});
        INDArray params = Nd4j.create(new float[][] {{0.4f, 1.1f, 2.2f}, {0.9f, -0.8f, 0.7f}});
        INDArray v = Nd4j.create(new float[][] {{-0.09f, 0.55f, 0.05f}, {-0.8f, 0.55f, 0.05f}});
        ConnectionListener.settle(params, w, v, mask);
        assertArrayEquals(new float[] {0.4f, 1.1f, 2.2f}, w.getRow(0).toFloatVector(), 1e-7f);
        assertArrayEquals(new float[] {0.9f, -0.8f, 3f}, w.getRow(1).toFloatVector(), 1e-7f);
        assertArrayEquals(new float[] {0, 1, 1}, mask.getRow(0).toFloatVector());
        assertArrayEquals(new float[] {0, 1, 1}, mask.getRow(1).toFloatVector());
        // Cut (0, 0) and (1, 0); (1, 2) comes back with the weight it had.
        assertArrayEquals(new float[] {0, 1.1f, 2.2f}, params.getRow(0).toFloatVector(), 1e-7f);
        assertArrayEquals(new float[] {0, -0.8f, 3f}, params.getRow(1).toFloatVector(), 1e-7f);
    }

    @Test
    void trainingUnderThePenaltyLearnsMasksThatTheEngineThenHolds() {
        NetworkSpec net = Fixtures.smallMlp();
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), 32, 3)) {
            Penalty scl = Penalty.connections(new Penalty.Connections(0.5, 0.02, 0.1));
            engine.train(new TrainRequest(40, 5, i -> 0.05, TrainHook.NONE, scl), null);
            List<float[]> masks = engine.masks();
            double sparsity = Density.sparsity(masks);
            assertTrue(sparsity > 0.2 && sparsity < 1, "sparsity " + sparsity);
            // The learned masks are in force: cut weights are 0, and stay 0 under further training.
            engine.train(Fixtures.constant(5, 6, 0.05), null);
            List<float[]> w = engine.weights();
            for (int l = 0; l < w.size(); l++) {
                for (int i = 0; i < w.get(l).length; i++) {
                    if (masks.get(l)[i] == 0) {
                        assertEquals(0f, w.get(l)[i]);
                    }
                }
            }
            assertEquals(sparsity, Density.sparsity(engine.masks()), 0);
        }
    }

    @Test
    void aHigherPriceOfAConnectionLearnsASparserNetwork() {
        NetworkSpec net = Fixtures.smallMlp();
        double[] sparsity = new double[2];
        double[] lambdas = {0.05, 1.0};
        for (int k = 0; k < 2; k++) {
            try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), 32, 3)) {
                Penalty scl = Penalty.connections(new Penalty.Connections(lambdas[k], 0.02, 0.1));
                engine.train(new TrainRequest(40, 5, i -> 0.05, TrainHook.NONE, scl), null);
                sparsity[k] = Density.sparsity(engine.masks());
            }
        }
        assertTrue(sparsity[1] > sparsity[0] + 0.1, sparsity[0] + " then " + sparsity[1]);
    }
}

package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.TrainObserver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Not masking the gradients of pruned weights (re-masking the parameters after each step only)
 * gives bit for bit the weights of masking both, and a weight that comes back starts with fresh
 * optimizer state.
 */
@Tag("slow")
class GradientMaskingTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prune.dl4j.Fixtures#optimizers")
    void maskingGradientsToo_givesTheSameWeights(String name, OptimizerSpec optimizer, double lr) {
        NetworkSpec net = Fixtures.smallMlp();
        List<float[]> masks = Fixtures.randomMasks(net, 0.4, 5);
        List<List<float[]>> results = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        for (boolean maskGradients : new boolean[] {true, false}) {
            try (Dl4jEngine engine = Fixtures.engine(net, optimizer, 50, 9)) {
                engine.guard().maskGradients(maskGradients);
                engine.train(Fixtures.constant(12, 1, lr), TrainObserver.NONE);
                engine.applyMasks(masks);
                engine.freeze(Set.of(1));
                double[] last = new double[1];
                TrainObserver observer = new TrainObserver() {
                    @Override
                    public void iteration(int i, double loss, double rate) {
                        last[0] = loss;
                    }
                };
                assertTrue(engine.train(Fixtures.constant(24, 2, lr), observer).completed());
                results.add(engine.weights());
                losses.add(last[0]);
            }
        }
        for (int l = 0; l < masks.size(); l++) {
            assertArrayEquals(results.get(0).get(l), results.get(1).get(l), name + ": layer " + l);
        }
        // Masking gradients needs DL4J's fit, while the other arm trains with Prune's own step
        // (DenseStep): the same weights to the bit, and the loss summed in double there where DL4J
        // sums it in float, so the two agree to float precision rather than to the bit.
        assertEquals(losses.get(0), losses.get(1), 1e-6 * Math.abs(losses.get(0)), name + ": last loss");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prune.dl4j.Fixtures#optimizers")
    void aWeightThatComesBackStartsWithFreshOptimizerState(String name, OptimizerSpec optimizer, double lr) {
        NetworkSpec net = Fixtures.smallMlp();
        try (Dl4jEngine engine = Fixtures.engine(net, optimizer, 50, 9)) {
            engine.train(Fixtures.constant(6, 1, lr), TrainObserver.NONE);
            List<float[]> masks = Fixtures.randomMasks(net, 0.5, 3);
            engine.applyMasks(masks);
            engine.train(Fixtures.constant(6, 2, lr), TrainObserver.NONE);
            INDArray state = engine.network().getUpdater().getStateViewArray();
            // Plain SGD keeps no state, so it has nothing to reset: reported as a skip, not a pass.
            org.junit.jupiter.api.Assumptions.assumeTrue(state != null && state.length() > 0,
                    name + " keeps no optimizer state");
            float[] before = state.dup().toFloatVector();
            List<float[]> ones = new ArrayList<>();
            for (float[] m : masks) {
                float[] one = new float[m.length];
                Arrays.fill(one, 1f);
                ones.add(one);
            }
            engine.applyMasks(ones);
            float[] after = state.toFloatVector();
            // One updater block holds every parameter: layer 0's W comes first in each state slice.
            long params = engine.network().params().length();
            long slices = state.length() / params;
            float[] first = masks.get(0);
            int revived = 0;
            for (long s = 0; s < slices; s++) {
                for (int k = 0; k < first.length; k++) {
                    int at = (int) (s * params + k);
                    if (first[k] == 0f) {
                        assertEquals(0f, after[at], name + ": state of revived weight " + k);
                        revived += before[at] != 0f ? 1 : 0;
                    } else {
                        assertEquals(before[at], after[at], name + ": state of kept weight " + k);
                    }
                }
            }
            assertNotEquals(0, revived, name + ": pruned weights had state to clear");
            assertTrue(engine.train(Fixtures.constant(6, 3, lr), TrainObserver.NONE).completed());
        }
    }
}

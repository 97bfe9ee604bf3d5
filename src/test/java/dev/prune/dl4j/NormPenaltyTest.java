package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Node;
import dev.prune.engine.Norms;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.Penalty;
import dev.prune.engine.TrainHook;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Network slimming's L1 penalty on batch norm γ: one step with λ moves each γ by exactly what
 * λ·sign(γ) added to its gradient of the mean loss moves it under the optimizer, and nothing else.
 */
class NormPenaltyTest {
    private static final double LR = 0.1;
    /** Two convs with batch norm and a residual add between them, small enough for a fast test. */
    private static final NetworkSpec NET = new NetworkSpec("tiny", 1, 28, 28, List.of(
            Node.conv("conv1", NetworkSpec.INPUT, 4, 3, 2, 1, false, "identity"),
            Node.batchNorm("bn1", "conv1"),
            Node.activation("relu1", "bn1", "relu"),
            Node.conv("conv2", "relu1", 4, 3, 1, 1, false, "identity"),
            Node.batchNorm("bn2", "conv2"),
            Node.add("add", List.of("bn2", "relu1")),
            Node.activation("relu2", "add", "relu"),
            Node.globalAvgPool("pool", "relu2"),
            Node.output("fc", "pool", 10)));

    private static Map<String, float[]> afterOneStep(OptimizerSpec optimizer, double lambda, Map<String, float[]> start) {
        try (Dl4jEngine engine = Fixtures.engine(NET, optimizer, 32, 5)) {
            if (start != null) {
                engine.network().paramTable().forEach((k, v) -> start.put(k, v.dup('c').data().asFloat()));
            }
            TrainRequest one = new TrainRequest(1, 2, i -> LR, TrainHook.NONE, new Penalty(lambda));
            assertTrue(engine.train(one, TrainObserver.NONE).completed());
            Map<String, float[]> out = new HashMap<>();
            engine.network().paramTable().forEach((k, v) -> out.put(k, v.dup('c').data().asFloat()));
            return out;
        }
    }

    /** Under plain SGD and Nesterov momentum from zero velocity, the step changes by -factor * lr * λ * sign(γ). */
    private static void checkLinear(OptimizerSpec optimizer, double factor) {
        double lambda = 1e-2;
        Map<String, float[]> start = new HashMap<>();
        Map<String, float[]> plain = afterOneStep(optimizer, 0, start);
        Map<String, float[]> penalised = afterOneStep(optimizer, lambda, null);
        List<String> norms = Norms.after(NET).stream().filter(n -> n != null).map(n -> n + "_gamma").toList();
        assertEquals(2, norms.size(), "both convs have a batch norm after them");
        for (String key : start.keySet()) {
            float[] g0 = start.get(key);
            float[] a = plain.get(key);
            float[] b = penalised.get(key);
            for (int i = 0; i < g0.length; i++) {
                double expected = norms.contains(key) ? -factor * LR * lambda * Math.signum(g0[i]) : 0;
                assertEquals(expected, (double) b[i] - a[i], 1e-6, key + "[" + i + "]");
            }
        }
    }

    @Test
    void sgdMovesEachGammaByLrTimesLambdaTowardsZeroAndNothingElse() {
        checkLinear(OptimizerSpec.sgd(0, 0), 1);
    }

    @Test
    void nesterovMomentumSeesThePenaltyAsPartOfTheGradient() {
        checkLinear(OptimizerSpec.sgd(0.9, 0), 1.9);
    }

    @Test
    void adamSeesItBeforeItsMomentsWhereAStrongPenaltyDecidesTheSignOfTheStep() {
        // Adam's first step is lr * g / (|g| + eps'): with λ = 1 far above every |dL/dγ|, g has γ's
        // sign, so each γ moves by lr towards zero (within eps'), which it would not without λ.
        Map<String, float[]> start = new HashMap<>();
        Map<String, float[]> after = afterOneStep(OptimizerSpec.adam(0.9, 0.999, 1e-8, 0), 1, start);
        for (String norm : Norms.after(NET)) {
            if (norm == null) {
                continue;
            }
            float[] g0 = start.get(norm + "_gamma");
            float[] g1 = after.get(norm + "_gamma");
            for (int i = 0; i < g0.length; i++) {
                assertEquals(g0[i] - LR * Math.signum(g0[i]), g1[i], 1e-5, norm + "[" + i + "]");
            }
        }
    }

    @Test
    void normScalesAreTheGammasAfterEachLayerAndNullWhereThereIsNone() {
        try (Dl4jEngine engine = Fixtures.engine(NET, OptimizerSpec.sgd(0, 0), 32, 5)) {
            List<float[]> scales = engine.normScales();
            List<String> norms = Norms.after(NET);
            for (int l = 0; l < scales.size(); l++) {
                if (norms.get(l) == null) {
                    assertNull(scales.get(l), NET.layers().get(l).name());
                    continue;
                }
                assertNotNull(scales.get(l));
                INDArray gamma = engine.network().getLayer(norms.get(l)).getParam("gamma");
                assertEquals(NET.layers().get(l).nOut(), scales.get(l).length);
                for (int u = 0; u < scales.get(l).length; u++) {
                    assertEquals(gamma.getFloat(u), scales.get(l)[u]);
                }
            }
        }
    }
}

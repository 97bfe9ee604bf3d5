package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.DataShape;
import dev.prune.builtins.GraphModels;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.TrainObserver;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weight decay on a residual, batch-normalised graph: L2 added to the gradient of conv and dense
 * weights before the optimizer (PyTorch's {@code weight_decay}, given to the weights' parameter
 * group only), never to biases or batch norm.
 */
class WeightDecayTest {
    private static final double LR = 0.1;
    private static final double DECAY = 0.01;
    private static final double MOMENTUM = 0.9;

    private static Map<String, INDArray> afterOneStep(NetworkSpec net, double decay, Map<String, INDArray> start) {
        try (Dl4jEngine engine = Fixtures.engine(net, OptimizerSpec.sgd(MOMENTUM, decay), 32, 5)) {
            if (start != null) {
                engine.network().paramTable().forEach((k, v) -> start.put(k, v.dup()));
            }
            assertTrue(engine.train(Fixtures.constant(1, 2, LR), TrainObserver.NONE).completed());
            Map<String, INDArray> out = new HashMap<>();
            engine.network().paramTable().forEach((k, v) -> out.put(k, v.dup()));
            return out;
        }
    }

    @Test
    void decayReachesConvAndDenseWeightsOnlyAndIsAddedToTheGradientBeforeMomentum() {
        NetworkSpec net = GraphModels.resnet(new DataShape(1, 28, 28, 10), 8, true);
        Map<String, INDArray> start = new HashMap<>();
        Map<String, INDArray> plain = afterOneStep(net, 0, start);
        Map<String, INDArray> decayed = afterOneStep(net, DECAY, null);
        int weights = 0;
        int others = 0;
        for (String key : start.keySet()) {
            float[] w0 = start.get(key).dup('c').data().asFloat();
            float[] a = plain.get(key).dup('c').data().asFloat();
            float[] b = decayed.get(key).dup('c').data().asFloat();
            boolean weight = key.endsWith("_W");
            for (int i = 0; i < w0.length; i++) {
                // The first Nesterov step from zero velocity moves by (1 + momentum) * lr * gradient, in
                // DL4J's Nesterovs and in PyTorch's SGD(nesterov=True) alike; L2 adds decay * w to the gradient.
                double expected = weight ? -(1 + MOMENTUM) * LR * DECAY * w0[i] : 0;
                assertEquals(expected, (double) b[i] - a[i], Math.abs(expected) * 1e-3 + 1e-6, key + "[" + i + "]");
            }
            if (weight) {
                weights++;
            } else {
                others++;
            }
        }
        assertEquals(net.layers().size(), weights, "every conv and dense weight array is decayed");
        assertTrue(start.keySet().stream().anyMatch(k -> k.endsWith("_bn_gamma")), "batch norm is in the table");
        assertTrue(others > 0);
    }
}

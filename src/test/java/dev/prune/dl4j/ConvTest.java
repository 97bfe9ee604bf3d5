package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.EvalResult;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Split;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainResult;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

@Tag("slow")
class ConvTest {

    @Test
    void lenet5TrainsAndKeepsAWholeFilterPruned() {
        NetworkSpec net = Fixtures.lenet5();
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), 50, 1)) {
            // Parameters are keyed by the node name.
            INDArray w = engine.network().getParam("conv2_W");
            assertEquals(List.of(16L, 6L, 5L, 5L), List.of(w.size(0), w.size(1), w.size(2), w.size(3)));

            float[] flat = engine.weights().get(1);
            int fanIn = 6 * 5 * 5;
            assertEquals(w.getFloat(9, 2, 3, 4), flat[9 * fanIn + 2 * 25 + 3 * 5 + 4]);

            engine.train(Fixtures.constant(4, 1, 0.01), TrainObserver.NONE);
            List<float[]> masks = Fixtures.randomMasks(net, 1.0, 0);
            int filter = 9;
            for (int j = 0; j < fanIn; j++) {
                masks.get(1)[filter * fanIn + j] = 0f;
            }
            engine.applyMasks(masks);
            TrainResult result = engine.train(Fixtures.constant(12, 2, 0.01), TrainObserver.NONE);
            assertTrue(result.completed(), result.failure());

            for (int u = 0; u < 16; u++) {
                double norm = 0;
                for (int c = 0; c < 6; c++) {
                    for (int y = 0; y < 5; y++) {
                        for (int x = 0; x < 5; x++) {
                            norm += Math.abs(w.getFloat(u, c, y, x));
                        }
                    }
                }
                if (u == filter) {
                    assertEquals(0.0, norm, "filter " + u);
                } else {
                    assertNotEquals(0.0, norm, "filter " + u);
                }
            }
            assertEquals(fanIn, Fixtures.zeros(engine.weights().get(1)));
            EvalResult eval = engine.evaluate(Split.TEST);
            assertEquals(200, eval.examples());
            assertTrue(Double.isFinite(eval.loss()));
        }
    }
}

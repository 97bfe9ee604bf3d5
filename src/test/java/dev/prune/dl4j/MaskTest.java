package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.EngineException;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainResult;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MaskTest {

    @Tag("slow")
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prune.dl4j.Fixtures#optimizers")
    void prunedWeightsStayExactlyZero(String name, OptimizerSpec optimizer, double lr) {
        NetworkSpec net = Fixtures.smallMlp();
        try (Dl4jEngine engine = Fixtures.engine(net, optimizer, 50, 7)) {
            // Train first so that momentum / Adam moments hold state for the weights about to be pruned.
            assertTrue(engine.train(Fixtures.constant(12, 1, lr), TrainObserver.NONE).completed());
            List<float[]> masks = Fixtures.randomMasks(net, 0.3, 11);
            engine.applyMasks(masks);
            TrainResult result = engine.train(Fixtures.constant(24, 2, lr), TrainObserver.NONE);
            assertTrue(result.completed(), result.failure());
            List<float[]> weights = engine.weights();
            for (int layer = 0; layer < masks.size(); layer++) {
                float[] w = weights.get(layer);
                float[] m = masks.get(layer);
                for (int i = 0; i < w.length; i++) {
                    if (m[i] == 0f) {
                        assertEquals(0f, w[i], name + ": layer " + layer + " weight " + i);
                    }
                }
                assertEquals(Fixtures.zeros(m), Fixtures.zeros(w), name + ": zero count of layer " + layer);
            }
        }
    }

    @Test
    void weightsCopiesFollowTheFlatLayoutOfDenseLayers() {
        NetworkSpec net = Fixtures.smallMlp();
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.sgd(), 50, 3)) {
            float[] w = engine.weights().get(1);
            var param = engine.network().getParam("fc2_W"); // [nIn=64, nOut=32]
            int fanIn = 64;
            for (int u : new int[] {0, 5, 31}) {
                for (int j : new int[] {0, 17, 63}) {
                    assertEquals(param.getFloat(j, u), w[u * fanIn + j]);
                }
            }
            // Zero all inputs of unit 5: column 5 of W must become zero, nothing else.
            List<float[]> masks = Fixtures.randomMasks(net, 1.0, 0);
            for (int j = 0; j < fanIn; j++) {
                masks.get(1)[5 * fanIn + j] = 0f;
            }
            engine.applyMasks(masks);
            assertEquals(0.0, param.getColumn(5).norm1Number().doubleValue());
            assertEquals(fanIn, Fixtures.zeros(engine.weights().get(1)));
            assertNotEquals(0.0, param.getColumn(4).norm1Number().doubleValue());
        }
    }

    @Test
    void rejectsMasksOfTheWrongShapeOrValues() {
        NetworkSpec net = Fixtures.smallMlp();
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.sgd(), 50, 3)) {
            EngineException few = assertThrows(EngineException.class,
                    () -> engine.applyMasks(List.of(new float[784 * 64])));
            assertEquals("1 masks given for a network with 3 layers", few.getMessage());
            List<float[]> masks = Fixtures.randomMasks(net, 1.0, 0);
            masks.get(2)[3] = 0.5f;
            EngineException half = assertThrows(EngineException.class, () -> engine.applyMasks(masks));
            assertEquals("mask for layer 'out' holds 0.5; masks hold only 0 and 1", half.getMessage());
        }
    }
}

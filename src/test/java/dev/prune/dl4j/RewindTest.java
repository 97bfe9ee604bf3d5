package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.prune.engine.EngineException;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.TrainObserver;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class RewindTest {

    @Tag("slow")
    @Test
    void rewindToInitRestoresInitialWeightsExceptMaskedOnes() {
        NetworkSpec net = Fixtures.smallMlp();
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.adam(), 50, 8)) {
            List<float[]> init = engine.weights();
            float[] initBias = engine.network().getParam("fc1_b").toFloatVector();
            engine.train(Fixtures.constant(20, 1, 0.001), TrainObserver.NONE);
            engine.checkpoint("trained");
            List<float[]> trained = engine.weights();
            assertFalse(Arrays.equals(init.get(0), trained.get(0)));

            List<float[]> masks = Fixtures.randomMasks(net, 0.4, 2);
            engine.applyMasks(masks);
            engine.rewind("init");
            List<float[]> rewound = engine.weights();
            for (int layer = 0; layer < init.size(); layer++) {
                float[] expected = init.get(layer).clone();
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = masks.get(layer)[i] == 0f ? 0f : expected[i];
                }
                assertArrayEquals(expected, rewound.get(layer), "layer " + layer);
            }
            assertArrayEquals(initBias, engine.network().getParam("fc1_b").toFloatVector(), "biases rewind too");

            // Masks stay in force through training after a rewind, and other checkpoints work too.
            engine.train(Fixtures.constant(10, 2, 0.001), TrainObserver.NONE);
            engine.rewind("trained");
            for (int layer = 0; layer < init.size(); layer++) {
                assertEquals(Fixtures.zeros(masks.get(layer)), Fixtures.zeros(engine.weights().get(layer)));
            }
        }
    }

    @Test
    void unknownCheckpointIsAnError() {
        try (Dl4jEngine engine = Fixtures.engine(Fixtures.smallMlp(), Fixtures.sgd(), 50, 8)) {
            engine.checkpoint("epoch2");
            EngineException e = assertThrows(EngineException.class, () -> engine.rewind("epoch3"));
            assertEquals("there is no checkpoint named 'epoch3'; known: init, epoch2", e.getMessage());
        }
    }
}

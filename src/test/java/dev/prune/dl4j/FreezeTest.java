package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.EngineException;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.TrainObserver;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FreezeTest {

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("sgd", Fixtures.sgd(), 0.05),
                Arguments.of("sgd with weight decay", OptimizerSpec.sgd(0, 5e-4), 0.05),
                Arguments.of("nesterov", Fixtures.nesterov(), 0.05),
                Arguments.of("adam with weight decay", OptimizerSpec.adam(0.9, 0.999, 1e-8, 5e-4), 0.001),
                Arguments.of("adam", Fixtures.adam(), 0.001));
    }

    @Tag("slow")
    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void frozenLayerKeepsItsParametersBitForBit(String name, OptimizerSpec optimizer, double lr) {
        NetworkSpec net = Fixtures.smallMlp();
        try (Dl4jEngine engine = Fixtures.engine(net, optimizer, 50, 5)) {
            // Optimizer state for the layer exists before it is frozen: the hard case.
            engine.train(Fixtures.constant(12, 1, lr), TrainObserver.NONE);
            List<float[]> before = engine.weights();
            float[] biasBefore = engine.network().getParam("fc2_b").toFloatVector();
            engine.freeze(Set.of(1));
            assertTrue(engine.train(Fixtures.constant(24, 2, lr), TrainObserver.NONE).completed());
            List<float[]> after = engine.weights();
            assertArrayEquals(before.get(1), after.get(1), name + ": frozen weights");
            assertArrayEquals(biasBefore, engine.network().getParam("fc2_b").toFloatVector(), name + ": frozen bias");
            assertFalse(Arrays.equals(before.get(0), after.get(0)), name + ": layer 0 trains");
            assertFalse(Arrays.equals(before.get(2), after.get(2)), name + ": layer 2 trains");

            engine.freeze(Set.of());
            engine.train(Fixtures.constant(6, 3, lr), TrainObserver.NONE);
            assertFalse(Arrays.equals(after.get(1), engine.weights().get(1)), name + ": unfrozen layer trains again");
        }
    }

    @Test
    void rejectsLayersTheNetworkDoesNotHave() {
        try (Dl4jEngine engine = Fixtures.engine(Fixtures.smallMlp(), Fixtures.sgd(), 50, 5)) {
            EngineException e = assertThrows(EngineException.class, () -> engine.freeze(Set.of(3)));
            assertEquals("cannot freeze layer 3; network 'mlp' has layers 0 to 2", e.getMessage());
        }
    }
}

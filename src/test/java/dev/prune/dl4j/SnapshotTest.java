package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.prune.engine.EngineException;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.Snapshot;
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

/** Training from a restored snapshot is bit-for-bit the training that would have followed it. */
class SnapshotTest {

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("sgd", Fixtures.sgd(), 0.05),
                Arguments.of("nesterov", Fixtures.nesterov(), 0.05),
                Arguments.of("adam", Fixtures.adam(), 0.001));
    }

    private static void assertSame(List<float[]> expected, List<float[]> actual, String what) {
        for (int l = 0; l < expected.size(); l++) {
            assertArrayEquals(expected.get(l), actual.get(l), what + ", layer " + l);
        }
    }

    @Tag("slow")
    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void trainingFromARestoredSnapshotRepeatsExactly(String name, OptimizerSpec optimizer, double lr) {
        NetworkSpec net = Fixtures.smallMlp();
        try (Dl4jEngine engine = Fixtures.engine(net, optimizer, 50, 4)) {
            // optimizer state, masks and a frozen layer exist when the snapshot is taken
            engine.train(Fixtures.constant(12, 1, lr), TrainObserver.NONE);
            List<float[]> masks = Fixtures.randomMasks(net, 0.5, 3);
            engine.applyMasks(masks);
            engine.freeze(Set.of(1));
            Snapshot start = engine.snapshot();
            List<float[]> atStart = engine.weights();

            engine.train(Fixtures.constant(15, 2, lr), TrainObserver.NONE);
            List<float[]> once = engine.weights();
            assertFalse(Arrays.equals(atStart.get(0), once.get(0)), name + ": training moved the weights");

            // a different continuation in between: other masks, nothing frozen, another checkpoint
            engine.applyMasks(Fixtures.randomMasks(net, 0.2, 9));
            engine.freeze(Set.of());
            engine.checkpoint("elsewhere");
            engine.train(Fixtures.constant(7, 5, lr * 2), TrainObserver.NONE);

            engine.restore(start);
            assertSame(atStart, engine.weights(), name + ": restored weights");
            engine.train(Fixtures.constant(15, 2, lr), TrainObserver.NONE);
            assertSame(once, engine.weights(), name + ": the same continuation again");
            assertArrayEquals(atStart.get(1), engine.weights().get(1), name + ": layer 1 is frozen again");
            for (int l = 0; l < masks.size(); l++) {
                assertEquals(Fixtures.zeros(masks.get(l)), Fixtures.zeros(engine.weights().get(l)), "masks are back");
            }
            EngineException e = assertThrows(EngineException.class, () -> engine.rewind("elsewhere"));
            assertEquals("there is no checkpoint named 'elsewhere'; known: init", e.getMessage());
        }
    }

    @Tag("slow")
    @Test
    void aSnapshotBeforeAnyTrainingHasFreshOptimizerState() {
        NetworkSpec net = Fixtures.smallMlp();
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.adam(), 50, 6)) {
            Snapshot fresh = engine.snapshot();
            engine.train(Fixtures.constant(10, 1, 0.001), TrainObserver.NONE);
            List<float[]> first = engine.weights();
            engine.train(Fixtures.constant(10, 2, 0.001), TrainObserver.NONE);
            engine.restore(fresh);
            engine.train(Fixtures.constant(10, 1, 0.001), TrainObserver.NONE);
            assertSame(first, engine.weights(), "as if the first training were the first again");
        }
    }

    @Test
    void aSnapshotOfAnotherNetworkIsRefused() {
        try (Dl4jEngine a = Fixtures.engine(Fixtures.smallMlp(), Fixtures.sgd(), 50, 1);
             Dl4jEngine b = Fixtures.engine(Fixtures.smallMlp(), Fixtures.sgd(), 50, 1)) {
            Snapshot fromA = a.snapshot();
            EngineException e = assertThrows(EngineException.class, () -> b.restore(fromA));
            assertEquals("cannot restore a snapshot of another network; take it after the last build", e.getMessage());
        }
    }
}

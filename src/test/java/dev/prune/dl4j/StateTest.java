package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.prune.engine.EngineException;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.TrainObserver;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved training state continues bit for bit in a freshly built engine. */
@Tag("slow")
class StateTest {
    @TempDir
    Path dir;

    /** Trains, prunes, freezes and checkpoints, so every part of the state is non-trivial. */
    private static void firstHalf(Dl4jEngine engine, NetworkSpec net) {
        engine.train(Fixtures.constant(12, 1, 0.05), TrainObserver.NONE);
        engine.checkpoint("early");
        engine.applyMasks(Fixtures.randomMasks(net, 0.6, 2));
        engine.freeze(Set.of(1));
        engine.train(Fixtures.constant(7, 2, 0.03), TrainObserver.NONE);
    }

    private static List<float[]> secondHalf(Dl4jEngine engine) {
        engine.train(Fixtures.constant(9, 3, 0.04), TrainObserver.NONE);
        engine.rewind("early");
        engine.freeze(Set.of());
        engine.train(Fixtures.constant(5, 4, 0.04), TrainObserver.NONE);
        return engine.weights();
    }

    private void continuesBitForBit(OptimizerSpec optimizer) {
        NetworkSpec net = Fixtures.smallMlp();
        Path file = dir.resolve(optimizer.kind() + "-state.zip");
        List<float[]> straight;
        try (Dl4jEngine engine = Fixtures.engine(net, optimizer, 64, 7)) {
            firstHalf(engine, net);
            engine.saveState(file);
            straight = secondHalf(engine);
        }
        try (Dl4jEngine engine = Fixtures.engine(net, optimizer, 64, 7)) {
            engine.train(Fixtures.constant(3, 99, 0.5), TrainObserver.NONE); // state that must be overwritten
            engine.restoreState(file);
            List<float[]> resumed = secondHalf(engine);
            for (int l = 0; l < straight.size(); l++) {
                assertArrayEquals(straight.get(l), resumed.get(l), "layer " + l);
            }
            assertEquals(Fixtures.zeros(straight.get(0)), Fixtures.zeros(resumed.get(0)));
        }
    }

    @Test
    void nesterovMomentumStateCarriesOver() {
        continuesBitForBit(Fixtures.nesterov());
    }

    @Test
    void adamMomentsAndStepCountCarryOver() {
        continuesBitForBit(Fixtures.adam());
    }

    @Test
    void aStateOfAnotherModelIsRefusedWithOneSentence() {
        Path file = dir.resolve("other.zip");
        try (Dl4jEngine engine = Fixtures.engine(Fixtures.mlp(784, 16, 10), Fixtures.sgd(), 64, 1)) {
            engine.saveState(file);
        }
        try (Dl4jEngine engine = Fixtures.engine(Fixtures.smallMlp(), Fixtures.sgd(), 64, 1)) {
            EngineException e = assertThrows(EngineException.class, () -> engine.restoreState(file));
            assertEquals(true, e.getMessage().contains("belongs to another model"), e.getMessage());
        }
    }

    /**
     * PLATON's averages are part of the saved state and of a snapshot: a fresh engine that loads
     * the state, and an engine returned to a snapshot, score by the averages of the run without a
     * break after the same training.
     */
    @Test
    void platonsAveragesCarryOver() {
        NetworkSpec net = Fixtures.smallMlp();
        Path file = dir.resolve("platon-state.zip");
        List<float[]> straight;
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), 64, 7)) {
            engine.trackImportance(0.85, 0.95);
            firstHalf(engine, net);
            engine.saveState(file);
            dev.prune.engine.Snapshot at = engine.snapshot();
            straight = afterMore(engine);
            engine.restore(at);
            assertScores(straight, afterMore(engine));
        }
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), 64, 7)) {
            engine.trackImportance(0.5, 0.5);
            engine.train(Fixtures.constant(3, 99, 0.5), TrainObserver.NONE); // averages that must be overwritten
            engine.restoreState(file);
            assertScores(straight, afterMore(engine));
        }
        Path plain = saveWithout(net);
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), 64, 7)) {
            engine.trackImportance(0.85, 0.95);
            engine.train(Fixtures.constant(3, 99, 0.5), TrainObserver.NONE);
            engine.restoreState(plain);
            assertThrows(EngineException.class, engine::importance, "a state without averages keeps none");
        }
    }

    /** A state saved by an engine that keeps no averages. */
    private Path saveWithout(NetworkSpec net) {
        Path file = dir.resolve("plain-state.zip");
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), 64, 7)) {
            firstHalf(engine, net);
            engine.saveState(file);
        }
        return file;
    }

    private static List<float[]> afterMore(Dl4jEngine engine) {
        engine.train(Fixtures.constant(9, 3, 0.04), TrainObserver.NONE);
        return engine.importance();
    }

    private static void assertScores(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int l = 0; l < expected.size(); l++) {
            assertArrayEquals(expected.get(l), actual.get(l), "layer " + l);
            assertEquals(true, nonZero(expected.get(l)), "layer " + l + ": the averages are not all zero");
        }
    }

    private static boolean nonZero(float[] a) {
        for (float v : a) {
            if (v != 0f) {
                return true;
            }
        }
        return false;
    }
}

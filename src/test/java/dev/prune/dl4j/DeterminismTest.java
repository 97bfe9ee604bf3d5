package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.EpochStats;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainRequest;
import dev.prune.engine.TrainResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class DeterminismTest {

    /** Records every loss the engine reports. */
    private static final class Losses implements TrainObserver {
        final List<Double> values = new ArrayList<>();
        final List<EpochStats> epochs = new ArrayList<>();

        @Override
        public void iteration(int iteration, double loss, double lr) {
            values.add(loss);
        }

        @Override
        public void epoch(EpochStats stats) {
            epochs.add(stats);
        }
    }

    private static List<float[]> run(NetworkSpec net, long seed, Losses losses) {
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), 64, seed)) {
            engine.train(new TrainRequest(15, 9, i -> 0.05 * (1 + i % 3)), losses);
            engine.applyMasks(Fixtures.randomMasks(net, 0.5, 4));
            engine.rewind("init");
            engine.train(Fixtures.constant(15, 10, 0.05), losses);
            return engine.weights();
        }
    }

    @Test
    void sameSeedAndThreadsGiveIdenticalWeightsAndLosses() {
        NetworkSpec net = Fixtures.smallMlp();
        Losses a = new Losses();
        Losses b = new Losses();
        List<float[]> first = run(net, 42, a);
        List<float[]> second = run(net, 42, b);
        for (int i = 0; i < first.size(); i++) {
            assertTrue(Arrays.equals(first.get(i), second.get(i)), "layer " + i);
        }
        assertEquals(a.values, b.values);
        assertEquals(30, a.values.size());

        List<float[]> other = run(net, 43, new Losses());
        assertFalse(Arrays.equals(first.get(0), other.get(0)), "another seed gives other weights");
    }

    @Test
    void epochKOfARequestUsesDataSeedPlusK() {
        NetworkSpec net = Fixtures.smallMlp();
        int perEpoch = 600 / 64 + 1; // 9 full batches and one of 24
        Losses whole = new Losses();
        Losses parts = new Losses();
        List<float[]> oneRequest;
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.sgd(), 64, 3)) {
            TrainResult r = engine.train(Fixtures.constant(2 * perEpoch + 3, 20, 0.1), whole);
            assertEquals(3, r.epochs().size());
            assertEquals(List.of(perEpoch, perEpoch, 3), r.epochs().stream().map(EpochStats::iterations).toList());
            assertEquals(List.of(0, 1, 2), r.epochs().stream().map(EpochStats::epoch).toList());
            assertEquals(r.epochs(), whole.epochs);
            oneRequest = engine.weights();
        }
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.sgd(), 64, 3)) {
            engine.train(Fixtures.constant(perEpoch, 20, 0.1), parts);
            engine.train(Fixtures.constant(perEpoch, 21, 0.1), parts);
            engine.train(Fixtures.constant(3, 22, 0.1), parts);
            for (int i = 0; i < oneRequest.size(); i++) {
                assertArrayEquals(oneRequest.get(i), engine.weights().get(i), "layer " + i);
            }
        }
        assertEquals(whole.values, parts.values);
    }

    @Test
    void theLearningRateOfEachIterationComesFromTheRequest() {
        NetworkSpec net = Fixtures.smallMlp();
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.sgd(), 64, 3)) {
            List<float[]> init = engine.weights();
            engine.train(Fixtures.constant(4, 1, 0.0), TrainObserver.NONE);
            assertArrayEquals(init.get(0), engine.weights().get(0), "lr 0 changes nothing");
            List<Double> seen = new ArrayList<>();
            engine.train(new TrainRequest(4, 1, i -> i == 1 ? 0.1 : 0.0), new TrainObserver() {
                @Override
                public void iteration(int iteration, double loss, double lr) {
                    seen.add(lr);
                }
            });
            assertEquals(List.of(0.0, 0.1, 0.0, 0.0), seen);
            assertFalse(Arrays.equals(init.get(0), engine.weights().get(0)), "lr 0.1 at one step changes weights");
        }
    }
}

package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.GradientRequest;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.Split;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainRequest;
import dev.prune.engine.TrainResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the procedures ask of the engine: work between iterations, dense gradients, fresh weights. */
@Tag("slow")
class ProcedureEngineTest {

    @Test
    void aCheckpointTakenInTheHookHoldsTheWeightsOfThatIterationBitForBit() {
        NetworkSpec net = Fixtures.smallMlp();
        try (Dl4jEngine long_ = Fixtures.engine(net, Fixtures.nesterov(), 50, 4);
             Dl4jEngine short_ = Fixtures.engine(net, Fixtures.nesterov(), 50, 4)) {
            long_.train(new TrainRequest(30, 9, i -> 0.05, i -> {
                if (i == 6) {
                    long_.checkpoint("iteration 7");
                }
                return true;
            }), TrainObserver.NONE);
            short_.train(Fixtures.constant(7, 9, 0.05), TrainObserver.NONE);
            List<float[]> trained = long_.weights();
            long_.rewind("iteration 7");
            List<float[]> rewound = long_.weights();
            for (int l = 0; l < rewound.size(); l++) {
                assertArrayEquals(short_.weights().get(l), rewound.get(l), "layer " + l);
                assertFalse(Arrays.equals(trained.get(l), rewound.get(l)));
            }
        }
    }

    @Test
    void theHookCanEndARequestWhichStillCountsAsCompleted() {
        try (Dl4jEngine engine = Fixtures.engine(Fixtures.smallMlp(), Fixtures.sgd(), 50, 4)) {
            List<Double> losses = new ArrayList<>();
            TrainResult r = engine.train(new TrainRequest(30, 9, i -> 0.05, i -> {
                losses.add(engine.evaluate(Split.TEST).loss());
                return i < 4;
            }), TrainObserver.NONE);
            assertTrue(r.completed(), r.failure());
            assertEquals(5, r.iterations());
            assertEquals(5, losses.size());
        }
    }

    @Test
    void masksSetInTheHookHoldFromTheNextIterationEvenWithMomentum() {
        NetworkSpec net = Fixtures.smallMlp();
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), 50, 4)) {
            List<float[]> masks = Fixtures.randomMasks(net, 0.2, 3);
            engine.train(new TrainRequest(20, 9, i -> 0.05, i -> {
                if (i == 9) {
                    engine.applyMasks(masks);
                }
                return true;
            }), TrainObserver.NONE);
            List<float[]> w = engine.weights();
            for (int l = 0; l < masks.size(); l++) {
                assertEquals(Fixtures.zeros(masks.get(l)), Fixtures.zeros(w.get(l)), "layer " + l);
            }
        }
    }

    @Test
    void lossGradientsAreTheMeanGradientThatOnePlainSgdStepFollows() {
        NetworkSpec net = Fixtures.mlp(784, 16, 10);
        // One batch of the whole training split: one step of plain SGD moves w by -lr * the mean gradient.
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.sgd(), 600, 5)) {
            List<float[]> g = engine.lossGradients(GradientRequest.plain(0, 600));
            List<float[]> before = engine.weights();
            engine.train(Fixtures.constant(1, 3, 0.5), TrainObserver.NONE);
            List<float[]> after = engine.weights();
            for (int l = 0; l < g.size(); l++) {
                float[] step = new float[g.get(l).length];
                float scale = 0;
                for (int i = 0; i < step.length; i++) {
                    step[i] = (before.get(l)[i] - after.get(l)[i]) / 0.5f;
                    scale = Math.max(scale, Math.abs(g.get(l)[i]));
                }
                assertTrue(scale > 0);
                assertArrayEquals(g.get(l), step, scale * 1e-3f, "layer " + l);
            }
        }
    }

    @Test
    void prunedWeightsGetTheirGradientToo() {
        NetworkSpec net = Fixtures.smallMlp();
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.sgd(), 50, 5)) {
            List<float[]> masks = Fixtures.randomMasks(net, 0.5, 1);
            engine.applyMasks(masks);
            List<float[]> g = engine.lossGradients(GradientRequest.plain(100, 50));
            int nonZeroWherePruned = 0;
            for (int i = 0; i < masks.get(0).length; i++) {
                if (masks.get(0)[i] == 0f && g.get(0)[i] != 0f) {
                    nonZeroWherePruned++;
                }
            }
            assertTrue(nonZeroWherePruned > Fixtures.zeros(masks.get(0)) / 2, "dense gradient: " + nonZeroWherePruned);
            assertArrayEquals(g.get(1), engine.lossGradients(GradientRequest.plain(100, 50)).get(1), "deterministic");
        }
    }

    @Test
    void reinitializeGivesTheWeightsAFreshBuildWouldAndClearsTheOptimizerState() {
        NetworkSpec net = Fixtures.smallMlp();
        OptimizerSpec adam = Fixtures.adam();
        List<float[]> masks = Fixtures.randomMasks(net, 0.4, 6);
        try (Dl4jEngine fresh = Fixtures.engine(net, adam, 50, 8);
             Dl4jEngine used = Fixtures.engine(net, adam, 50, 3)) {
            used.train(Fixtures.constant(15, 1, 0.01), TrainObserver.NONE);
            used.applyMasks(masks);
            used.reinitialize(8);
            fresh.applyMasks(masks);
            assertWeightsEqual(fresh.weights(), used.weights());
            assertArrayEquals(fresh.network().getParam("fc1_b").toFloatVector(), used.network().getParam("fc1_b").toFloatVector());
            // Adam's moments and step count start over: the same training gives the same numbers.
            fresh.train(Fixtures.constant(10, 2, 0.001), TrainObserver.NONE);
            used.train(Fixtures.constant(10, 2, 0.001), TrainObserver.NONE);
            assertWeightsEqual(fresh.weights(), used.weights());
            assertEquals(Fixtures.zeros(masks.get(0)), Fixtures.zeros(used.weights().get(0)));
        }
    }

    private static void assertWeightsEqual(List<float[]> expected, List<float[]> actual) {
        for (int l = 0; l < expected.size(); l++) {
            assertArrayEquals(expected.get(l), actual.get(l), "layer " + l);
        }
    }
}

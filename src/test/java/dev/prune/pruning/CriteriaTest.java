package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.LayerKind;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scores of the weight criteria against values computed by hand. */
class CriteriaTest {
    private static final float TOL = 1e-6f;
    private static final NetworkSpec TWO = NetworkSpec.sequential("two", 1, 1, 2, List.of(
            LayerSpec.dense("fc1", 2, 1, "relu"), LayerSpec.output("out", 1, 2)));

    private static ScoreInputs inputs(List<float[]> weights, FixedProbe probe) {
        return new ScoreInputs(TWO, weights, List.of(Density.ones(2), Density.ones(2)), 7, probe);
    }

    @Test
    void l2ScoresTheSquareAndRanksLikeL1() {
        List<float[]> s = new Magnitude(true).scores(inputs(Nets.of(new float[]{-3, 1}, new float[]{2, -0.5f}), null));
        assertArrayEquals(new float[]{9, 1}, s.get(0), TOL);
        assertArrayEquals(new float[]{4, 0.25f}, s.get(1), TOL);
    }

    @Test
    void snipIsGradientTimesWeightOverTheSumOfAllLayers() {
        FixedProbe p = new FixedProbe();
        p.gradient = Nets.of(new float[]{0.5f, 0.25f}, new float[]{-2, 0.1f});
        // |g w| = 0.5, 0.5 | 1, 0.4; sum 2.4.
        List<float[]> s = new Snip(1).scores(inputs(Nets.of(new float[]{1, -2}, new float[]{0.5f, 4}), p));
        assertArrayEquals(new float[]{0.5f / 2.4f, 0.5f / 2.4f}, s.get(0), TOL);
        assertArrayEquals(new float[]{1 / 2.4f, 0.4f / 2.4f}, s.get(1), TOL);
    }

    /** With every gradient 0 there is nothing to normalise by: scores of 0, not 0 / 0. */
    @Test
    void snipOfZeroGradientsIsZero() {
        FixedProbe p = new FixedProbe();
        p.gradient = Nets.of(new float[]{0, 0}, new float[]{0, 0});
        List<float[]> s = new Snip(1).scores(inputs(Nets.of(new float[]{1, -2}, new float[]{0.5f, 4}), p));
        assertArrayEquals(new float[]{0, 0}, s.get(0));
        assertArrayEquals(new float[]{0, 0}, s.get(1));
    }

    /**
     * A unit criterion read side by side with per-weight ones gives each weight its unit's score:
     * fc1's rows of 3 get their L1 norms, 6 and 1.5.
     * Random unit scores need no data, lie in [0, 1) and follow the seed.
     */
    @Test
    void unitScoresSpreadOverTheirUnitsWeights() {
        NetworkSpec net = NetworkSpec.sequential("n", 1, 1, 3, List.of(LayerSpec.dense("fc1", 3, 2, "relu"),
                LayerSpec.output("out", 2, 2)));
        ScoreInputs in = new ScoreInputs(net, Nets.of(new float[]{1, -2, 3, 0.5f, 0.5f, -0.5f}, new float[]{1, 1, 1, 1}),
                Nets.ones(net), 1);
        List<float[]> s = new UnitNorm(false, java.util.Set.of(LayerKind.DENSE)).scores(in);
        assertArrayEquals(new float[]{6, 6, 6, 1.5f, 1.5f, 1.5f}, s.get(0), TOL);
        MeanActivation random = new MeanActivation(MeanActivation.Variant.RANDOM, 0);
        assertEquals(java.util.Set.of(), random.needs());
        assertEquals(java.util.Set.of(Need.ACTIVATIONS), new MeanActivation(MeanActivation.Variant.MIN, 0).needs());
        // The weights before training are the run's own, not data: only the other needs ask for examples.
        assertFalse(Need.HISTORY.data());
        assertTrue(Need.GRADIENTS.data() && Need.ACTIVATIONS.data());
        float[] r = random.unitScores(in).get(0);
        assertEquals(2, r.length);
        assertTrue(r[0] > 0 && r[0] < 1 && r[1] > 0 && r[1] < 1 && r[0] != r[1], java.util.Arrays.toString(r));
        assertArrayEquals(r, random.unitScores(in).get(0));
        assertFalse(java.util.Arrays.equals(r, random.unitScores(new ScoreInputs(net, in.weights(), in.masks(), 2))
                .get(0)));
    }

    @Test
    void graspIsWeightTimesHessianGradientWithItsSign() {
        FixedProbe p = new FixedProbe();
        p.hessianGradient = Nets.of(new float[]{0.5f, -1}, new float[]{2, 3});
        List<float[]> s = new Grasp(1, 200).scores(inputs(Nets.of(new float[]{1, -2}, new float[]{-0.5f, 4}), p));
        assertArrayEquals(new float[]{0.5f, 2}, s.get(0), TOL);
        assertArrayEquals(new float[]{-1, 12}, s.get(1), TOL);
    }

    @Test
    void taylorAveragesTheSquaredProductOverBatches() {
        FixedProbe p = new FixedProbe();
        p.batches = List.of(Nets.of(new float[]{1, 0}, new float[]{2, -1}), Nets.of(new float[]{-3, 2}, new float[]{0, 1}));
        // w = [2, 1 | 0.5, 3]: (g w)^2 per batch [4, 0 | 1, 9] and [36, 4 | 0, 9]; means [20, 2 | 0.5, 9].
        List<float[]> s = new Taylor(2).scores(inputs(Nets.of(new float[]{2, 1}, new float[]{0.5f, 3}), p));
        assertArrayEquals(new float[]{20, 2}, s.get(0), TOL);
        assertArrayEquals(new float[]{0.5f, 9}, s.get(1), TOL);
    }

    @Test
    void weightChangeAndMovementCompareWithTheWeightsBeforeTraining() {
        FixedProbe p = new FixedProbe();
        p.previous = Nets.of(new float[]{0.4f, 0}, new float[]{2.5f, -1});
        List<float[]> w = Nets.of(new float[]{0.5f, -1}, new float[]{2, -1});
        List<float[]> change = new WeightChange(false).scores(inputs(w, p));
        assertArrayEquals(new float[]{0.1f, 1}, change.get(0), TOL);
        assertArrayEquals(new float[]{0.5f, 0}, change.get(1), TOL);
        List<float[]> scaled = new WeightChange(true).scores(inputs(w, p));
        assertArrayEquals(new float[]{0.05f, 1}, scaled.get(0), TOL);
        assertArrayEquals(new float[]{1, 0}, scaled.get(1), TOL);
        List<float[]> movement = new Movement().scores(inputs(w, p));
        assertArrayEquals(new float[]{0.25f - 0.16f, 1}, movement.get(0), TOL);
        assertArrayEquals(new float[]{4 - 6.25f, 0}, movement.get(1), TOL);
    }

    @Test
    void randomScoresRepeatWithTheSeed() {
        List<float[]> w = Nets.of(new float[]{1, 2}, new float[]{3, 4});
        assertArrayEquals(new RandomScores().scores(inputs(w, null)).get(1),
                new RandomScores().scores(inputs(w, null)).get(1));
        List<float[]> big = Nets.of(new float[64], new float[64]);
        List<float[]> seven = new RandomScores().scores(new ScoreInputs(TWO, big, List.of(Density.ones(64),
                Density.ones(64)), 7, null));
        List<float[]> eight = new RandomScores().scores(new ScoreInputs(TWO, big, List.of(Density.ones(64),
                Density.ones(64)), 8, null));
        assertFalse(java.util.Arrays.equals(seven.get(0), eight.get(0)), "another seed gives other scores");
        assertFalse(java.util.Arrays.equals(seven.get(0), seven.get(1)), "each layer draws its own scores");
        for (float[] layer : seven) {
            for (float v : layer) {
                assertTrue(v >= 0 && v < 1, "scores are uniform in [0, 1): " + v);
            }
        }
    }

    @Test
    void activePruningTakesItsShareFromNegativeWeightsThatChangedLeast() {
        NetworkSpec one = NetworkSpec.sequential("one", 1, 1, 10, List.of(LayerSpec.output("out", 10, 1)));
        float[] w = {-0.5f, 0.3f, -0.1f, 0.8f, -0.9f, 0.2f, -0.4f, 0.6f, 0.7f, -0.05f};
        float[] before = w.clone();
        before[0] -= 0.3f;
        before[4] += 0.01f;
        before[6] -= 0.2f;
        FixedProbe p = new FixedProbe();
        p.previous = List.of(before);
        ScoreInputs in = new ScoreInputs(one, List.of(w), List.of(Density.ones(10)), 1, p);
        // 40% of 10 = 4: l1 takes the 2 smallest |w| (9, 2), AP 20% = 2 of the negatives left
        // (0, 4, 6) that changed least: 4 (0.01) and 6 (0.2).
        List<float[]> m = new ActivePruning(new Magnitude(), 0.2).prune(in, new boolean[]{true}, 0.4, false);
        assertArrayEquals(new float[]{1, 1, 0, 1, 0, 1, 0, 1, 1, 0}, m.get(0));
    }

    @Test
    void activePruningFallsBackToTheBaseWhenNegativeWeightsRunOut() {
        NetworkSpec one = NetworkSpec.sequential("one", 1, 1, 5, List.of(LayerSpec.output("out", 5, 1)));
        float[] w = {0.5f, -0.1f, 0.3f, 0.9f, 0.2f};
        FixedProbe p = new FixedProbe();
        p.previous = List.of(w.clone());
        ScoreInputs in = new ScoreInputs(one, List.of(w), List.of(Density.ones(5)), 1, p);
        // 60% of 5 = 3; AP's 40% = 2 but only one negative (1); l1 takes 1 first (index 1 is the
        // smallest |w|, so AP finds none left) then the 2 left over: 4 (0.2) and 2 (0.3).
        List<float[]> m = new ActivePruning(new Magnitude(), 0.4).prune(in, new boolean[]{true}, 0.6, false);
        assertArrayEquals(new float[]{1, 0, 0, 1, 0}, m.get(0));
        assertEquals(2, Density.kept(m.get(0)));
    }

    /**
     * A weight of exactly 0 is not negative: AP's one weight (20% of 5) is the negative that changed
     * least (4, by 0.1), not the zero, which did not change at all. AP needs the weights before the
     * last training besides what its base needs, and scores as its base does.
     */
    @Test
    void activePruningTakesOnlyNegativeWeightsNotZeros() {
        NetworkSpec one = NetworkSpec.sequential("one", 1, 1, 5, List.of(LayerSpec.output("out", 5, 1)));
        float[] w = {0f, -0.5f, 0.3f, 0.9f, -0.2f};
        float[] before = w.clone();
        before[1] += 0.3f;
        before[4] -= 0.1f;
        FixedProbe p = new FixedProbe();
        p.previous = List.of(before);
        ScoreInputs in = new ScoreInputs(one, List.of(w), List.of(Density.ones(5)), 1, p);
        ActivePruning ap = new ActivePruning(new Magnitude(), 0.2);
        assertArrayEquals(new float[]{1, 1, 1, 1, 0}, ap.prune(in, new boolean[]{true}, 0.2, false).get(0));
        assertEquals(java.util.Set.of(Need.HISTORY), ap.needs());
        assertArrayEquals(new Magnitude().scores(in).get(0), ap.scores(in).get(0));
    }
}

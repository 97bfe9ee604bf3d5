package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MaskPlannerTest {
    private static final boolean[] BOTH = {true, true};

    @Test
    void layerwiseRemovesTheShareOfEachLayersRemainingWeights() {
        List<float[]> scores = List.of(new float[]{5, 1, 4, 2, 3}, new float[]{0.1f, 0.3f, 0.2f, 0.4f, 0.5f});
        List<float[]> masks = List.of(Density.ones(5), Density.ones(5));
        List<float[]> out = MaskPlanner.prune(scores, masks, BOTH, 0.4, false);
        assertArrayEquals(new float[]{1, 0, 1, 0, 1}, out.get(0));
        assertArrayEquals(new float[]{0, 1, 0, 1, 1}, out.get(1));
    }

    @Test
    void globalUsesOneThresholdAcrossLayers() {
        List<float[]> scores = List.of(new float[]{5, 1, 4, 2, 3}, new float[]{0.1f, 0.3f, 0.2f, 0.4f, 0.5f});
        List<float[]> masks = List.of(Density.ones(5), Density.ones(5));
        List<float[]> out = MaskPlanner.prune(scores, masks, BOTH, 0.4, true);
        assertArrayEquals(new float[]{1, 1, 1, 1, 1}, out.get(0));
        assertArrayEquals(new float[]{0, 0, 0, 0, 1}, out.get(1));
    }

    @Test
    void alreadyPrunedWeightsAreNotCountedAgain() {
        List<float[]> scores = List.of(new float[]{0, 0, 3, 4, 5, 6, 7, 8, 9, 10});
        List<float[]> masks = List.of(new float[]{0, 0, 1, 1, 1, 1, 1, 1, 1, 1});
        // 20% of the 8 remaining is ceil(1.6) = 2 more.
        List<float[]> out = MaskPlanner.prune(scores, masks, new boolean[]{true}, 0.2, true);
        assertArrayEquals(new float[]{0, 0, 0, 0, 1, 1, 1, 1, 1, 1}, out.get(0));
    }

    @Test
    void tiesAreBrokenByPositionSoTheAmountIsExact() {
        List<float[]> scores = List.of(new float[]{1, 1, 1, 1, 1});
        List<float[]> out = MaskPlanner.prune(scores, List.of(Density.ones(5)), new boolean[]{true}, 0.4, false);
        assertArrayEquals(new float[]{0, 0, 1, 1, 1}, out.get(0));
        // Half of 6 is 3: the 1 under the threshold 2, then the first two of the three 2s.
        out = MaskPlanner.prune(List.of(new float[]{3, 1, 2, 2, 2, 5}), List.of(Density.ones(6)),
                new boolean[]{true}, 0.5, false);
        assertArrayEquals(new float[]{1, 0, 0, 0, 1, 1}, out.get(0));
        // A step that removes every weight left.
        out = MaskPlanner.prune(List.of(new float[]{3, 1, 2}), List.of(Density.ones(3)), new boolean[]{true}, 1.0, false);
        assertArrayEquals(new float[]{0, 0, 0}, out.get(0));
    }

    @Test
    void unselectedLayersAreUntouched() {
        List<float[]> scores = List.of(new float[]{1, 2}, new float[]{0.1f, 0.2f});
        List<float[]> out = MaskPlanner.prune(scores, List.of(Density.ones(2), Density.ones(2)),
                new boolean[]{true, false}, 0.5, true);
        assertArrayEquals(new float[]{0, 1}, out.get(0));
        assertArrayEquals(new float[]{1, 1}, out.get(1));
    }

    @Test
    void twentyPercentOfLeNet300100IsExactWithoutFloatingPointDrift() {
        assertEquals(53240, MaskPlanner.count(0.2, 266200));
        assertEquals(47040, MaskPlanner.count(0.2, 235200));
    }

    @Test
    void repeatedTwentyPercentStepsFollowOneMinusPointEightToTheN() {
        List<float[]> masks = List.of(Density.ones(10000));
        float[] scores = new float[10000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (i * 7919) % 10007;
        }
        double[] expected = {0.2, 0.36, 0.488, 0.5904, 0.67232};
        for (double e : expected) {
            masks = MaskPlanner.prune(List.of(scores), masks, new boolean[]{true}, 0.2, true);
            assertEquals(e, Density.sparsity(masks), 1e-4);
        }
    }

    @Test
    void rateTowardReachesTheTargetInTheGivenSteps() {
        double s = 0;
        for (int left = 3; left >= 1; left--) {
            double r = Amounts.rateToward(s, 0.9, left);
            s = 1 - (1 - s) * (1 - r);
        }
        assertEquals(0.9, s, 1e-12);
        assertEquals(0, Amounts.rateToward(0.95, 0.9, 2));
        assertEquals(0, Amounts.rateToward(0.2, 0.5, 0));
    }
}

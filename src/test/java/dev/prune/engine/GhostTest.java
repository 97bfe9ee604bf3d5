package dev.prune.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ToST's ghost decay and re-scaled initialisation, against values worked out by hand. */
class GhostTest {

    @Test
    void theGhostPhaseIsItsShareOfTheTrainingRoundedAndAtLeastOneStep() {
        assertEquals(10, Ghost.steps(0.1, 100));
        assertEquals(1, Ghost.steps(0.1, 3), "0.3 rounds to 0, but a positive share gets one step");
        assertEquals(3, Ghost.steps(0.25, 10), "2.5 rounds up");
        assertEquals(0, Ghost.steps(0, 100));
        assertEquals(0, Ghost.steps(0.5, 0));
        assertEquals(7, Ghost.steps(1, 7));
    }

    /** G = 4: after steps 1..4 the pruned weights are multiplied by 3/4, 2/3, 1/2 and 0. */
    @Test
    void eachStepScalesThePrunedWeightsSoThatTheirWeightFallsLinearly() {
        assertEquals(0.75, Ghost.factor(1, 4), 1e-15);
        assertEquals(2.0 / 3, Ghost.factor(2, 4), 1e-15);
        assertEquals(0.5, Ghost.factor(3, 4), 1e-15);
        assertEquals(0, Ghost.factor(4, 4));
        assertEquals(0, Ghost.factor(5, 4));
        // The product of the factors up to step k is lambda(k) = 1 - k/G: 3/4, 1/2, 1/4, 0.
        double product = 1;
        double[] expected = {0.75, 0.5, 0.25, 0};
        for (int k = 1; k <= 4; k++) {
            product *= Ghost.factor(k, 4);
            assertEquals(expected[k - 1], product, 1e-15, "after step " + k);
            assertEquals(expected[k - 1], Ghost.weight(k, 4), 1e-15);
        }
        // What a ghost connection learned at step 2 weighs lambda(3)/lambda(2) = (1/4)/(1/2) at step 3.
        assertEquals(0.5, Ghost.factor(3, 4), 1e-15);
    }

    /** Densities 1/4, 1/2, 1 and 0 give 2, sqrt(2), 1 (dense) and 1 (nothing left to scale). */
    @Test
    void keptWeightsAreRescaledByOneOverTheSquareRootOfTheirLayersDensity() {
        double[] f = Penalty.rescaleFactors(List.of(new float[] {1, 0, 0, 0}, new float[] {0, 1, 1, 0},
                new float[] {1, 1, 1}, new float[] {0, 0}));
        assertArrayEquals(new double[] {2, Math.sqrt(2), 1, 1}, f, 1e-12);
        // 10 of 1000 kept (99% sparse): x10.
        float[] m = new float[1000];
        java.util.Arrays.fill(m, 0, 10, 1f);
        assertEquals(10, Penalty.rescaleFactors(List.of(m))[0], 1e-12);
    }

    @Test
    void aPenaltyOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Penalty(0, 1.5, true, 0));
        assertThrows(IllegalArgumentException.class, () -> new Penalty(0, 0.1, true, 1));
        assertEquals(true, new Penalty(0, 0, false, 0).noAid());
        assertEquals(false, new Penalty(0, 0, false, 0.1).noAid());
    }
}

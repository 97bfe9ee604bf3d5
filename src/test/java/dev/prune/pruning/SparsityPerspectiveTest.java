package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The PQ index, SAP's step and the learning distance against values computed by hand. */
class SparsityPerspectiveTest {
    private static final double TOL = 1e-9;

    private static float[] ones(int n) {
        return Density.ones(n);
    }

    @Test
    void pqIndexIsZeroForEqualMagnitudesAndOneMinusOneOverDForASingleWeight() {
        // d^(1/q-1/p) = 4^(1-2) = 1/4; |w|_0.5 = (sum sqrt|w|)^2.
        assertEquals(0, PqIndex.of(new float[]{1, -1, 1, -1}, ones(4), 0.5, 1), TOL);
        assertEquals(0.75, PqIndex.of(new float[]{2, 0, 0, 0}, ones(4), 0.5, 1), TOL);
    }

    @Test
    void pqIndexOfTwoWeights() {
        // (1 + 2)^2 / 5 / 2 = 0.9
        assertEquals(0.1, PqIndex.of(new float[]{1, 4}, ones(2), 0.5, 1), 1e-7);
        // p = 1, q = 2: 1 - 2^(-1/2) * 7 / 5
        assertEquals(1 - 7 / (5 * Math.sqrt(2)), PqIndex.of(new float[]{3, -4}, ones(2), 1, 2), 1e-7);
    }

    @Test
    void pqIndexReadsOnlyTheKeptWeightsOfAllLayersTogether() {
        assertEquals(0.1, PqIndex.of(new float[]{1, 4, 100}, new float[]{1, 1, 0}, 0.5, 1), 1e-7);
        assertEquals(0.1, PqIndex.of(List.of(new float[]{1, 9}, new float[]{4}),
                List.of(new float[]{1, 0}, new float[]{1}), 0.5, 1), 1e-7);
        assertEquals(0, PqIndex.of(new float[]{0, 0, 5}, new float[]{1, 1, 0}, 0.5, 1), TOL);
    }

    /** Tiny weights raised to a large q would underflow to 0; read relative to the largest, they do not. */
    @Test
    void pqIndexOfTinyWeightsIsTheIndexOfTheirProportions() {
        assertEquals(PqIndex.of(new float[]{1, 2, 4}, ones(3), 1, 8),
                PqIndex.of(new float[]{1e-30f, 2e-30f, 4e-30f}, ones(3), 1, 8), 1e-6);
    }

    @Test
    void pqIndexNeedsPBelowQ() {
        assertThrows(IllegalArgumentException.class, () -> PqIndex.of(new float[]{1}, ones(1), 1, 1));
        assertThrows(IllegalArgumentException.class, () -> PqIndex.of(new float[]{1}, ones(1), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Sap(1, 0.5, 1, 0, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new Sap(0.5, 1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Sap(0.5, 1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Sap(0, 1, 1, 0, 0.9));
    }

    @Test
    void sapKeepsCeilOfDTimesOneMinusIAtTheDefaults() {
        Sap sap = new Sap(0.5, 1, 1, 0, 0.9);
        // p = 0.5, q = 1: m = ceil(d (1 - I)); I = 0.75 -> m = 1, 3 of 4 go.
        assertEquals(1, sap.keepBound(4, 0.75));
        assertEquals(3, sap.count(4, 0.75));
        assertEquals(0.75, sap.rate(List.of(new float[]{2, 0, 0, 0}), List.of(ones(4))), TOL);
        // I = 0.1 of two weights: m = ceil(1.8) = 2, nothing goes.
        assertEquals(0, sap.rate(List.of(new float[]{1, 4}), List.of(ones(2))), TOL);
    }

    @Test
    void sapIsCappedByBetaAndScaledByGamma() {
        // one weight of ten carries everything: I = 0.9, m = 1, share 0.9.
        float[] w = new float[10];
        w[3] = 1;
        assertEquals(9, new Sap(0.5, 1, 1, 0, 0.9).count(10, PqIndex.of(w, ones(10), 0.5, 1)));
        assertEquals(5, new Sap(0.5, 1, 1, 0, 0.5).count(10, PqIndex.of(w, ones(10), 0.5, 1)));
        // gamma 0.5: floor(10 * 0.45) = 4
        assertEquals(4, new Sap(0.5, 1, 0.5, 0, 0.9).count(10, PqIndex.of(w, ones(10), 0.5, 1)));
    }

    @Test
    void sapEtaLowersTheBound() {
        // eta = 1: m = ceil(4 * 2^-2 * (1 - 0)) = 1 even for weights of one magnitude.
        Sap sap = new Sap(0.5, 1, 1, 1, 0.9);
        assertEquals(1, sap.keepBound(4, 0));
        assertEquals(0.75, sap.rate(List.of(new float[]{1, 1, 1, 1}), List.of(ones(4))), TOL);
        // p = 1, q = 2: m = ceil(d (1 - I)^2); I = 1 - 7/(5 sqrt 2) -> ceil(1.96) = 2.
        Sap l2 = new Sap(1, 2, 1, 0, 0.9);
        assertEquals(2, l2.keepBound(2, PqIndex.of(new float[]{3, 4}, ones(2), 1, 2)));
    }

    @Test
    void sapRateIsExactForTheMaskPlanner() {
        Sap sap = new Sap(0.5, 1, 1, 0, 0.9);
        float[] w = new float[]{2, 0, 0, 0};
        double rate = sap.rate(List.of(w), List.of(ones(4)));
        assertEquals(3, MaskPlanner.count(rate, 4));
        assertTrue(rate > 0);
    }

    @Test
    void learningDistanceCountsKeptWeightsOnly() {
        // (3 - 0)^2 + (1 - 5)^2 = 25; the pruned weight (init 7) is left out.
        double d = LearningDistance.of(List.of(new float[]{3, 0}, new float[]{1}),
                List.of(new float[]{0, 7}, new float[]{5}), List.of(new float[]{1, 0}, new float[]{1}));
        assertEquals(5, d, TOL);
    }
}

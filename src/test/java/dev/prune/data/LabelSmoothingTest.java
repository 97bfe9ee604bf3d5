package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** ToST's label-smoothed targets and loss, against values worked out by hand. */
class LabelSmoothingTest {

    /** Class 2 of 4 with alpha 0.1: 0.9 for it, 0.1 / 3 for each other; they sum to 1. */
    @Test
    void theTrueClassGetsOneMinusAlphaAndTheOthersShareAlpha() {
        float third = (float) (0.1 / 3);
        assertArrayEquals(new float[] {third, third, 0.9f, third}, LabelSmoothing.targets(2, 4, 0.1));
        assertArrayEquals(new float[] {0, 1, 0}, LabelSmoothing.targets(1, 3, 0));
        float sum = 0;
        for (float v : LabelSmoothing.targets(7, 10, 0.2)) {
            sum += v;
        }
        assertEquals(1f, sum, 1e-6f);
    }

    /**
     * p = (0.1, 0.2, 0.6, 0.1), class 2, alpha 0.1:
     * -(0.9 ln 0.6 + (0.1/3)(ln 0.1 + ln 0.2 + ln 0.1)) = 0.459743 + 0.207154 = 0.666897,
     * against -ln 0.6 = 0.510826 with one-hot targets.
     */
    @Test
    void theLossIsTheCrossEntropyAgainstTheSmoothedTargets() {
        double[] p = {0.1, 0.2, 0.6, 0.1};
        assertEquals(0.666897, LabelSmoothing.loss(p, 2, 0.1), 1e-6);
        assertEquals(0.510826, LabelSmoothing.loss(p, 2, 0), 1e-6);
    }

    @Test
    void alphaOutsideItsRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LabelSmoothing.targets(0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> LabelSmoothing.targets(0, 10, -0.1));
    }
}

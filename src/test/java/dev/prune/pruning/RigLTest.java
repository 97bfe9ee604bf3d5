package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RigLTest {
    private static final double EPS = 1e-12;

    @Test
    void theDropFractionDecaysAlongACosineToZeroAtTheEnd() {
        RigL rigl = new RigL(0.3, true);
        assertEquals(0.3, rigl.dropFraction(0, 300), EPS);
        assertEquals(0.225, rigl.dropFraction(100, 300), EPS);
        assertEquals(0.15, rigl.dropFraction(150, 300), EPS);
        assertEquals(0, rigl.dropFraction(300, 300), EPS);
        assertEquals(0, rigl.dropFraction(301, 300), EPS);
        // A schedule of no iterations drops nothing (not cos(0 / 0), which is NaN).
        assertEquals(0, rigl.dropFraction(0, 0), EPS);
    }

    @Test
    void dropsTheSmallestActiveWeightsAndGrowsTheLargestGradients() {
        float[] w = {0.5f, -0.1f, 0f, 0.3f, 0f, 0.2f};
        float[] mask = {1, 1, 0, 1, 0, 1};
        float[] g = {0f, 0.9f, -0.8f, 0.1f, 0.05f, 0.3f};
        // 4 active, fraction 0.5: k = 2. Drop |w| 0.1 (1) and 0.2 (5). Grow among 1, 2, 4, 5 the
        // largest |g|: 0.9 (1) and 0.8 (2); weight 1 was dropped and comes straight back.
        float[] next = RigL.update(w, g, mask, 0.5);
        assertArrayEquals(new float[]{1, 1, 1, 1, 0, 0}, next);
        assertEquals(4, Density.kept(next));
        assertArrayEquals(new float[]{1, 1, 0, 1, 0, 1}, mask, "the given mask is left alone");
    }

    @Test
    void tiesGoByPosition() {
        float[] w = {1, 1, 1, 1, 0, 0, 0, 0};
        float[] mask = {1, 1, 1, 1, 0, 0, 0, 0};
        float[] g = {0, 0, 0, 0, 2, 2, 2, 2};
        assertArrayEquals(new float[]{0, 0, 1, 1, 1, 1, 0, 0}, RigL.update(w, g, mask, 0.5));
    }

    @Test
    void nothingMovesWhenTheFractionGivesNoWholeWeight() {
        float[] mask = {1, 1, 0, 1, 0, 1};
        // floor(4 * 0.2) = 0.
        assertArrayEquals(mask, RigL.update(new float[]{1, 2, 0, 3, 0, 4}, new float[]{9, 9, 9, 9, 9, 9}, mask, 0.2));
    }
}

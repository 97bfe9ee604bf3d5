package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GrowAndPruneTest {

    @Test
    void partitionsAreRunsOfConsecutiveLayersOfNearEqualCount() {
        // Layer i goes to floor(i * groups / layers).
        assertArrayEquals(new int[]{0, 1, 2}, GrowAndPrune.partition(3, 3));
        assertArrayEquals(new int[]{0, 0, 0, 1, 1}, GrowAndPrune.partition(5, 2));
        assertArrayEquals(new int[]{0, 0, 1, 1, 2, 2, 3, 3}, GrowAndPrune.partition(8, 4));
        assertArrayEquals(new int[]{0, 0, 1, 1, 2, 2, 3}, GrowAndPrune.partition(7, 4));
        assertArrayEquals(new int[]{0, 0, 0}, GrowAndPrune.partition(3, 1));
    }

    @Test
    void morePartitionsThanLayersOrNoneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GrowAndPrune.partition(3, 4));
        assertThrows(IllegalArgumentException.class, () -> GrowAndPrune.partition(3, 0));
        assertThrows(IllegalArgumentException.class, () -> new GrowAndPrune(0, false, false));
    }

    @Test
    void theGroupsTakeTurnsCyclically() {
        GrowAndPrune gap = new GrowAndPrune(3, false, false);
        int[] turns = new int[7];
        for (int k = 0; k < turns.length; k++) {
            turns[k] = gap.grownAt(k);
        }
        assertArrayEquals(new int[]{0, 1, 2, 0, 1, 2, 0}, turns);
    }

    @Test
    void aGrownLayerIsPrunedBackToItsLargestWeights() {
        // A layer of 10 weights at 70% keeps 10 - floor(7) = 3: |w| 0.9, -0.8 and 0.5.
        float[] w = {0.1f, -0.8f, 0.05f, 0.5f, 0f, 0.9f, -0.2f, 0.3f, 0f, -0.4f};
        int keep = MagnitudeMask.kept(w.length, 0.7);
        assertEquals(3, keep);
        assertArrayEquals(new float[]{0, 1, 0, 1, 0, 1, 0, 0, 0, 0}, MagnitudeMask.keep(w, keep));
        // 90% of 10 keeps 1; 0% keeps all; floor(0.25 * 6) = 1 zero, so 5 of 6 are kept.
        assertArrayEquals(new float[]{0, 0, 0, 0, 0, 1, 0, 0, 0, 0}, MagnitudeMask.keep(w, MagnitudeMask.kept(10, 0.9)));
        assertEquals(10, Density.kept(MagnitudeMask.keep(w, MagnitudeMask.kept(10, 0))));
        assertEquals(5, MagnitudeMask.kept(6, 0.25));
    }

    @Test
    void equalMagnitudesAreKeptFirstByPosition() {
        float[] w = {0.5f, -0.5f, 0.5f, 0.1f};
        assertArrayEquals(new float[]{1, 1, 0, 0}, MagnitudeMask.keep(w, 2));
    }
}

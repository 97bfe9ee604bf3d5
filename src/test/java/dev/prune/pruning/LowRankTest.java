package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** LRPET's projection on matrices small enough to decompose by hand. */
class LowRankTest {

    @Test
    void energyTransferKeepsTheSumOfSquares() {
        // sigma = (3, 2, 1): 14 in all, 9 kept at r = 1, so 3 becomes 3 sqrt(14/9) = sqrt(14).
        assertArrayEquals(new double[]{Math.sqrt(14), 0, 0}, LowRank.transfer(new double[]{3, 2, 1}, 1, true), 1e-12);
        // r = 2: 13 kept, scale sqrt(14/13).
        double k = Math.sqrt(14.0 / 13);
        assertArrayEquals(new double[]{3 * k, 2 * k, 0}, LowRank.transfer(new double[]{3, 2, 1}, 2, true), 1e-12);
        assertArrayEquals(new double[]{3, 2, 0}, LowRank.transfer(new double[]{3, 2, 1}, 2, false), 1e-12);
        assertEquals(13.0 / 14, LowRank.energyKept(new double[]{3, 2, 1}, 2), 1e-12);
    }

    @Test
    void aRankAtLeastTheMatrixsKeepsItAsItIs() {
        assertArrayEquals(new double[]{3, 2, 1}, LowRank.transfer(new double[]{3, 2, 1}, 3, true), 1e-12);
        assertArrayEquals(new double[]{3, 2, 1}, LowRank.transfer(new double[]{3, 2, 1}, 5, true), 1e-12);
    }

    @Test
    void theSvdOfADiagonalMatrixIsItsDiagonalSorted() {
        LowRank.Svd svd = LowRank.svd(new double[][]{{1, 0}, {0, 3}});
        assertArrayEquals(new double[]{3, 1}, svd.s(), 1e-12);
        assertArrayEquals(new double[]{0, 3}, svd.compose(new double[]{3, 0})[1], 1e-12);
    }

    @Test
    void projectingARowMajorLayerToRankOne() {
        // W = [[3, 0], [0, 1]] (two units of fan-in 2): rank 1 keeps 3; with transfer 3 becomes
        // sqrt(10), so ||W'||_F = ||W||_F = sqrt(10).
        float[] w = {3, 0, 0, 1};
        double[][] sigma = new double[1][];
        assertArrayEquals(new float[]{3, 0, 0, 0}, LowRank.project(w, 2, 2, 1, false, sigma), 1e-6f);
        assertArrayEquals(new double[]{3, 1}, sigma[0], 1e-12);
        assertArrayEquals(new float[]{(float) Math.sqrt(10), 0, 0, 0}, LowRank.project(w, 2, 2, 1, true, null), 1e-6f);
    }

    @Test
    void aWideMatrixOfRankOneIsItsOwnProjection() {
        // Rows (1, 2, 2) and (2, 4, 4): rank 1, sigma_1 = ||(1,2,2)|| ||(1,2)|| = 3 sqrt(5), nothing to transfer.
        float[] w = {1, 2, 2, 2, 4, 4};
        double[][] sigma = new double[1][];
        assertArrayEquals(w, LowRank.project(w, 2, 3, 1, true, sigma), 1e-5f);
        assertEquals(3 * Math.sqrt(5), sigma[0][0], 1e-9);
        assertEquals(0, sigma[0][1], 1e-9);
    }

    @Test
    void aFactoredLayerHoldsRTimesMPlusNWeights() {
        assertEquals(20L * (300 + 784), LowRank.parameters(300, 784, 20));
        assertEquals(2, LowRank.fullRank(Nets.mlp342(), 1));
        assertEquals(3, LowRank.fullRank(Nets.mlp342(), 0));
    }

    @Test
    void aRandomMatrixIsRebuiltFromItsDecomposition() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        double[][] a = new double[5][8];
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextDouble() - 0.5;
            }
        }
        LowRank.Svd svd = LowRank.svd(a);
        double[][] back = svd.compose(svd.s());
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], back[i], 1e-10);
        }
        for (int k = 1; k < svd.s().length; k++) {
            assertEquals(true, svd.s()[k] <= svd.s()[k - 1]);
        }
    }
}

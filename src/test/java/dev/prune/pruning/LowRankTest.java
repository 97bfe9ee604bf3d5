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

    @Test
    void batchNormFoldedInDecidesWhichDirectionTheRankKeeps() {
        // W = [[2, 0, 1], [0, 3, 0]] under a batch norm with s = gamma / sqrt(var + eps) = (1, 1/3):
        // the network applies W_f = diag(s) W = [[2, 0, 1], [0, 1, 0]], singular values sqrt(5) and 1.
        float[] w = {2, 0, 1, 0, 3, 0};
        double[] s = {1, 1.0 / 3};
        double[][] sigma = new double[1][];
        // Rank 1 keeps W_f's first row; divided back by s, W' = [[2, 0, 1], [0, 0, 0]].
        assertArrayEquals(new float[]{2, 0, 1, 0, 0, 0}, LowRank.projectFolded(w, 2, 3, s, 1, false, sigma), 1e-6f);
        assertArrayEquals(new double[]{Math.sqrt(5), 1}, sigma[0], 1e-12);
        // With energy transfer the kept value sqrt(5) becomes sqrt(6): the row times sqrt(6/5).
        double k = Math.sqrt(6.0 / 5);
        assertArrayEquals(new float[]{(float) (2 * k), 0, (float) k, 0, 0, 0},
                LowRank.projectFolded(w, 2, 3, s, 1, true, null), 1e-6f);
        // Without the batch norm, W's larger direction is the second row (3 against sqrt(5)).
        assertArrayEquals(new float[]{0, 0, 0, 0, 3, 0}, LowRank.projectFolded(w, 2, 3, null, 1, false, null), 1e-6f);
    }

    @Test
    void aUnitTheBatchNormSilencesKeepsItsRow() {
        // s_2 = 0: W_f's second row is 0 and stays 0; W' keeps the row it had (its output is multiplied by 0).
        float[] w = {1, 2, 0, 5, 0, 7};
        float[] p = LowRank.projectFolded(w, 2, 3, new double[]{2, 0}, 1, true, null);
        assertArrayEquals(new float[]{1, 2, 0, 5, 0, 7}, p, 1e-6f);
    }

    @Test
    void theUnfoldedLayerUnderItsBatchNormComputesTheFoldedProjection() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        int m = 4;
        int n = 6;
        float[] w = new float[m * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextDouble() - 0.5);
        }
        double eps = 1e-5;
        double[] b = new double[m];
        double[] gamma = new double[m];
        double[] beta = new double[m];
        double[] mu = new double[m];
        double[] var = new double[m];
        double[] s = new double[m];
        for (int i = 0; i < m; i++) {
            b[i] = r.nextDouble() - 0.5;
            gamma[i] = 0.2 + 2 * r.nextDouble();
            beta[i] = r.nextDouble() - 0.5;
            mu[i] = r.nextDouble() - 0.5;
            var[i] = 0.05 + r.nextDouble();
            s[i] = gamma[i] / Math.sqrt(var[i] + eps);
        }
        for (boolean transfer : new boolean[]{false, true}) {
            float[] unfolded = LowRank.projectFolded(w, m, n, s, 2, transfer, null);
            float[] foldedProjected = LowRank.project(LowRank.fold(w, n, s), m, n, 2, transfer, null);
            for (int example = 0; example < 5; example++) {
                double[] x = new double[n];
                for (int j = 0; j < n; j++) {
                    x[j] = r.nextDouble() * 2 - 1;
                }
                for (int i = 0; i < m; i++) {
                    double z = b[i];
                    double folded = s[i] * (b[i] - mu[i]) + beta[i];
                    for (int j = 0; j < n; j++) {
                        z += unfolded[i * n + j] * x[j];
                        folded += foldedProjected[i * n + j] * x[j];
                    }
                    double bn = gamma[i] * (z - mu[i]) / Math.sqrt(var[i] + eps) + beta[i];
                    assertEquals(folded, bn, 1e-5, "unit " + i + ", transfer " + transfer);
                }
            }
            // The layer itself has rank 2: a diagonal scaling of the rows keeps the rank.
            double[][] after = new double[1][];
            LowRank.project(unfolded, m, n, 4, false, after);
            assertEquals(0, after[0][2], 1e-5);
            assertEquals(true, after[0][1] > 1e-3);
        }
    }

    @Test
    void aConvKernelIsTheMatrixOfItsFiltersAndItsMultiplyAddsCountEveryPosition() {
        // 8 filters of 4 x 3 x 3 on a 6 x 6 map, padding 1: the matrix 8 x 36, 36 positions.
        dev.prune.engine.NetworkSpec net = dev.prune.engine.NetworkSpec.sequential("c", 4, 6, 6, java.util.List.of(
                dev.prune.engine.LayerSpec.conv("conv", 4, 8, 3, 1, 0, 6, "relu"),
                dev.prune.engine.LayerSpec.output("out", 8 * 36, 10)));
        assertEquals(true, LowRank.projected(net.layers().get(0)));
        assertEquals(false, LowRank.projected(net.layers().get(1)));
        assertEquals(8, LowRank.fullRank(net, 0));
        // Rank 2: 2 (8 + 36) = 88 weights of 288, and 88 x 36 = 3,168 multiply-adds of 10,368.
        assertEquals("conv 8 x 36 to rank 2 of 8 (factored: 88 weights, 30.6% of 288; 3,168 multiply-adds an "
                + "example, of 10,368)", LowRank.describe(net, 0, 2));
    }

    @Test
    void aShareGivesEachLayerItsOwnRank() {
        dev.prune.engine.Penalty.Projection p = new dev.prune.engine.Penalty.Projection(20, 50, true, 0.2);
        // The authors' int(k - k 0.8): 9 -> 1, 16 -> 3, 10 -> 2 (not 1 by rounding 1.9999...), 3 -> at least 1.
        assertEquals(1, p.rankOf(9));
        assertEquals(3, p.rankOf(16));
        assertEquals(2, p.rankOf(10));
        assertEquals(1, p.rankOf(3));
        assertEquals(20, new dev.prune.engine.Penalty.Projection(20, 50, true).rankOf(300));
    }
}

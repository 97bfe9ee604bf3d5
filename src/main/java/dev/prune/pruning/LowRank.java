package dev.prune.pruning;

import dev.prune.engine.LayerKind;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;

/**
 * LRPET (Guo et al., IEEE TNNLS 2024, "Low-Rank Projection with Energy Transfer"): training
 * alternates SGD with the projection of each weight matrix W (m outputs x n inputs) to rank r by
 * truncated SVD, W = U diag(sigma) V^T becoming U diag(sigma') V^T with sigma'_i = 0 for i > r.
 * A conv kernel [out, in, kh, kw] is the matrix [out, in kh kw] (its flat layout's rows), as the
 * authors' code and the usual low-rank conv decompositions take it: rank r makes it an r-filter
 * kh x kw conv followed by a 1x1 conv from r to out channels.
 * Energy transfer gives the discarded energy sum_{i>r} sigma_i^2 to the kept values in proportion to
 * their own: sigma'_i = sigma_i sqrt(sum_i sigma_i^2 / sum_{i<=r} sigma_i^2), so ||W'||_F = ||W||_F.
 * That is the authors' code's rule (code canyyang/LRPET, {@code fcConvWeightReguViaSVB_redu}, with
 * its default {@code redu_fac = 0}); the Frobenius norm is the energy preserved because
 * E||W x||^2 = ||W||_F^2 E x^2 for inputs of independent entries of equal variance, so the next
 * layer sees outputs at the scale it was trained with. The projection is
 * idempotent (a rank-r matrix has nothing beyond r to transfer), so projecting again after the last
 * step changes nothing. Factored, the layer holds r (m + n) weights and costs r (m + n)
 * multiply-adds per output position (one for a dense layer) instead of m n.
 *
 * <p>A batch norm after the layer is folded in before the decomposition ({@link #fold}): in
 * inference mode it multiplies unit i's pre-activation by s_i = gamma_i / sqrt(var_i + eps), so the
 * matrix the network applies is diag(s) W, and that is the one projected.
 *
 * <p>The singular value decomposition here is a plain one-sided Jacobi on double arrays, for tests
 * and the fake engine; the DL4J engine uses LAPACK through ND4J and the same {@link #transfer}.
 */
public final class LowRank {
    private LowRank() {}

    /**
     * The layers LRPET projects: the dense hidden layers and the convs of one group (the output
     * layer's units are the classes; a grouped conv is already a set of small matrices).
     */
    public static boolean projected(LayerSpec layer) {
        return layer.kind() == LayerKind.DENSE || layer.kind() == LayerKind.CONV && layer.groups() == 1;
    }

    /** min(m, n) of layer l's weight matrix (n = in kh kw for a conv): the highest rank it can have. */
    public static int fullRank(NetworkSpec net, int l) {
        LayerSpec s = net.layers().get(l);
        return Math.min(s.nOut(), s.fanIn());
    }

    /**
     * Layer l at rank r, for the plan and the run's records: the matrix, the rank, and the weights
     * and multiply-adds an example of the factored layer against the dense layer's (a conv's
     * multiply-adds are its weights' times its output positions, factored or not).
     */
    public static String describe(NetworkSpec net, int l, int r) {
        LayerSpec s = net.layers().get(l);
        long dense = (long) s.nOut() * s.fanIn();
        long factored = parameters(s.nOut(), s.fanIn(), r);
        long positions = s.flopsPerWeight();
        return String.format(java.util.Locale.ROOT, "%s %d x %d to rank %d of %d (factored: %,d weights, %.1f%% of "
                        + "%,d; %,d multiply-adds an example, of %,d)", s.name(), s.nOut(), s.fanIn(), r,
                fullRank(net, l), factored, 100.0 * factored / dense, dense, factored * positions, dense * positions);
    }

    /** Weights of the factored layer, U_r (m x r) and diag(sigma) V_r^T (r x n): r (m + n). */
    public static long parameters(int m, int n, int r) {
        return (long) r * (m + n);
    }

    /**
     * The new singular values: the first r kept (scaled so that the sum of squares is unchanged
     * when {@code energy}), the rest 0. {@code sigma} is in descending order.
     */
    public static double[] transfer(double[] sigma, int r, boolean energy) {
        double all = 0;
        double kept = 0;
        for (int i = 0; i < sigma.length; i++) {
            all += sigma[i] * sigma[i];
            kept += i < r ? sigma[i] * sigma[i] : 0;
        }
        double scale = energy && kept > 0 ? Math.sqrt(all / kept) : 1;
        double[] out = new double[sigma.length];
        for (int i = 0; i < Math.min(r, sigma.length); i++) {
            out[i] = sigma[i] * scale;
        }
        return out;
    }

    /** Share of sum sigma^2 that the first r singular values hold. */
    public static double energyKept(double[] sigma, int r) {
        double all = 0;
        double kept = 0;
        for (int i = 0; i < sigma.length; i++) {
            all += sigma[i] * sigma[i];
            kept += i < r ? sigma[i] * sigma[i] : 0;
        }
        return all == 0 ? 1 : kept / all;
    }

    /** A thin SVD: a = u diag(s) v^T, s descending; u is rows x k, v cols x k, k = min(rows, cols). */
    public record Svd(double[][] u, double[] s, double[][] v) {

        /** u diag(values) v^T, rows x cols. */
        public double[][] compose(double[] values) {
            int rows = u.length;
            int cols = v.length;
            double[][] out = new double[rows][cols];
            for (int k = 0; k < values.length; k++) {
                if (values[k] == 0) {
                    continue;
                }
                for (int i = 0; i < rows; i++) {
                    double f = u[i][k] * values[k];
                    for (int j = 0; j < cols; j++) {
                        out[i][j] += f * v[j][k];
                    }
                }
            }
            return out;
        }
    }

    /** One-sided Jacobi SVD (Hestenes) of a rows x cols matrix. */
    public static Svd svd(double[][] a) {
        int rows = a.length;
        int cols = a[0].length;
        if (rows < cols) {
            Svd t = svd(transpose(a));
            return new Svd(t.v(), t.s(), t.u());
        }
        double[][] u = new double[rows][];
        for (int i = 0; i < rows; i++) {
            u[i] = a[i].clone();
        }
        double[][] v = new double[cols][cols];
        for (int j = 0; j < cols; j++) {
            v[j][j] = 1;
        }
        for (int sweep = 0; sweep < 60; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < cols - 1; p++) {
                for (int q = p + 1; q < cols; q++) {
                    double alpha = 0;
                    double beta = 0;
                    double gamma = 0;
                    for (double[] row : u) {
                        alpha += row[p] * row[p];
                        beta += row[q] * row[q];
                        gamma += row[p] * row[q];
                    }
                    if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta) || gamma == 0) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.signum(zeta == 0 ? 1 : zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = c * t;
                    rotate(u, p, q, c, s);
                    rotate(v, p, q, c, s);
                }
            }
            if (!rotated) {
                break;
            }
        }
        double[] sigma = new double[cols];
        for (int j = 0; j < cols; j++) {
            double n = 0;
            for (double[] row : u) {
                n += row[j] * row[j];
            }
            sigma[j] = Math.sqrt(n);
            for (double[] row : u) {
                row[j] = sigma[j] == 0 ? 0 : row[j] / sigma[j];
            }
        }
        Integer[] order = new Integer[cols];
        for (int j = 0; j < cols; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(sigma[y], sigma[x]));
        double[][] us = new double[rows][cols];
        double[][] vs = new double[cols][cols];
        double[] ss = new double[cols];
        for (int k = 0; k < cols; k++) {
            ss[k] = sigma[order[k]];
            for (int i = 0; i < rows; i++) {
                us[i][k] = u[i][order[k]];
            }
            for (int j = 0; j < cols; j++) {
                vs[j][k] = v[j][order[k]];
            }
        }
        return new Svd(us, ss, vs);
    }

    private static void rotate(double[][] m, int p, int q, double c, double s) {
        for (double[] row : m) {
            double x = row[p];
            double y = row[q];
            row[p] = c * x - s * y;
            row[q] = s * x + c * y;
        }
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /**
     * Batch norm folded into a layer's flat weights (rows of {@code fanIn}): row i times s_i, where
     * s_i = gamma_i / sqrt(var_i + eps) is what the batch norm multiplies unit i's pre-activation by
     * in inference mode. The shift, s_i (b_i - mu_i) + beta_i, is the folded bias; the projection
     * leaves biases alone, so it is never computed.
     */
    public static float[] fold(float[] w, int fanIn, double[] s) {
        float[] out = new float[w.length];
        for (int k = 0; k < w.length; k++) {
            out[k] = (float) (w[k] * s[k / fanIn]);
        }
        return out;
    }

    /**
     * The projected folded rows back in the layer under its unchanged batch norm: row i divided by
     * s_i, so BN(W' x + b) = diag(s) W' x + s (b - mu) + beta = P(diag(s) W) x + the folded bias,
     * the output of the folded network projected. A row whose s_i is 0 (a batch norm that silences
     * the unit) is kept as it was: its output is multiplied by 0 whatever it holds, and P leaves a
     * zero row of the folded matrix zero. [reconstructed in part: the authors divide by
     * s_i / (s_i^2 + 1e-5), a regularised inverse that is exact only up to 1e-5 / s_i^2.]
     */
    public static float[] unfold(float[] projected, float[] before, int fanIn, double[] s) {
        float[] out = new float[projected.length];
        for (int k = 0; k < projected.length; k++) {
            double si = s[k / fanIn];
            out[k] = si == 0 ? before[k] : (float) (projected[k] / si);
        }
        return out;
    }

    /**
     * {@link #project} of a layer with a batch norm after it: fold, project, unfold. {@code s} null
     * projects the weights as they are.
     */
    public static float[] projectFolded(float[] w, int units, int fanIn, double[] s, int r, boolean energy,
                                        double[][] sigmaOut) {
        if (s == null) {
            return project(w, units, fanIn, r, energy, sigmaOut);
        }
        return unfold(project(fold(w, fanIn, s), units, fanIn, r, energy, sigmaOut), w, fanIn, s);
    }

    /**
     * A layer's flat weights (grouped by output unit: row u holds unit u's fan-in) projected to rank
     * r, with or without energy transfer; returns the singular values before, in {@code sigmaOut}
     * when it is not null.
     */
    public static float[] project(float[] w, int units, int fanIn, int r, boolean energy, double[][] sigmaOut) {
        double[][] a = new double[units][fanIn];
        for (int u = 0; u < units; u++) {
            for (int i = 0; i < fanIn; i++) {
                a[u][i] = w[u * fanIn + i];
            }
        }
        Svd svd = svd(a);
        if (sigmaOut != null) {
            sigmaOut[0] = svd.s().clone();
        }
        double[][] p = svd.compose(transfer(svd.s(), r, energy));
        float[] out = new float[w.length];
        for (int u = 0; u < units; u++) {
            for (int i = 0; i < fanIn; i++) {
                out[u * fanIn + i] = (float) p[u][i];
            }
        }
        return out;
    }
}

package dev.prune.pruning;

import java.util.List;

/**
 * The PQ index of Diao et al. (ICLR 2023, "Pruning deep neural networks from a sparsity
 * perspective"): I_{p,q}(w) = 1 - d^{1/q - 1/p} ||w||_p / ||w||_q over the d weights still kept,
 * for 0 < p < q. It is 0 when every kept weight has the same magnitude and approaches
 * 1 - d^{1/q-1/p} when one weight carries everything: the larger, the sparser (more compressible)
 * the weights are.
 */
public final class PqIndex {
    /** The paper's defaults, the ones the {@code pq_index} metric uses. */
    public static final double P = 0.5;
    public static final double Q = 1.0;

    private PqIndex() {}

    /**
     * The index of the kept weights of one or more layers (a weight is kept where its mask is
     * non-zero). 0 when nothing is kept or every kept weight is zero: no direction to read.
     */
    public static double of(List<float[]> weights, List<float[]> masks, double p, double q) {
        if (!(p > 0 && p < q)) {
            throw new IllegalArgumentException("the PQ index needs 0 < p < q, got p = " + p + ", q = " + q);
        }
        long d = 0;
        double sumP = 0;
        double sumQ = 0;
        double max = 0;
        for (int l = 0; l < weights.size(); l++) {
            float[] w = weights.get(l);
            float[] m = masks.get(l);
            for (int i = 0; i < w.length; i++) {
                if (m[i] != 0f) {
                    d++;
                    max = Math.max(max, Math.abs(w[i]));
                }
            }
        }
        if (d == 0 || max == 0) {
            return 0;
        }
        // Scaled by the largest magnitude so that small weights raised to q do not underflow.
        for (int l = 0; l < weights.size(); l++) {
            float[] w = weights.get(l);
            float[] m = masks.get(l);
            for (int i = 0; i < w.length; i++) {
                if (m[i] != 0f) {
                    double a = Math.abs(w[i]) / max;
                    sumP += Math.pow(a, p);
                    sumQ += Math.pow(a, q);
                }
            }
        }
        double ratio = Math.pow(d, 1 / q - 1 / p) * Math.pow(sumP, 1 / p) / Math.pow(sumQ, 1 / q);
        return 1 - ratio;
    }

    /** The index of one layer's kept weights. */
    public static double of(float[] weights, float[] mask, double p, double q) {
        return of(List.of(weights), List.of(mask), p, q);
    }
}

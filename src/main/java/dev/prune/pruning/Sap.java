package dev.prune.pruning;

import java.util.List;

/**
 * Sparsity-informed adaptive pruning, SAP (Diao et al., ICLR 2023), the amount of one pruning
 * step: with d weights kept and their PQ index I, at least
 * m = ceil(d (1 + eta)^{-q/(q-p)} (1 - I)^{qp/(q-p)}) weights should stay, and the step removes
 * floor(d min(gamma (1 - m/d), beta)) of them. Sparse weights (I high) give a small m and a large
 * step; weights of even magnitude (I near 0) give m near d and a small one. [reconstructed] The
 * floor of the count and m's ceiling follow the paper's Algorithm 1 as restated in the founding
 * survey; the authors' code was not read.
 *
 * @param eta   eta_r, the tolerance of the bound: larger keeps fewer weights
 * @param gamma scales the step; 1 takes the bound as it is
 * @param beta  the largest share of the kept weights one step may remove
 */
public record Sap(double p, double q, double gamma, double eta, double beta) {

    public Sap {
        if (!(p > 0)) {
            throw new IllegalArgumentException("sap's p must be above 0, got " + p);
        }
        if (p >= q) {
            throw new IllegalArgumentException("sap's p (" + show(p) + ") must be below q (" + show(q)
                    + "): the PQ index compares the p-norm with a larger q-norm");
        }
        if (!(beta > 0 && beta < 1)) {
            throw new IllegalArgumentException("sap's beta must be between 0 and 1 (exclusive), got " + show(beta));
        }
    }

    /** m: the fewest weights the bound keeps out of {@code d} with PQ index {@code index}. */
    public long keepBound(long d, double index) {
        double m = d * Math.pow(1 + eta, -q / (q - p)) * Math.pow(1 - index, q * p / (q - p));
        // 1e-9 keeps an m that is whole up to rounding from being raised by one.
        return Math.min(d, (long) Math.ceil(m - 1e-9));
    }

    /** The weights one step removes out of {@code d} kept ones with PQ index {@code index}. */
    public long count(long d, double index) {
        if (d == 0) {
            return 0;
        }
        double share = Math.min(gamma * (1 - (double) keepBound(d, index) / d), beta);
        return (long) Math.floor(d * Math.max(0, share) + 1e-9);
    }

    /** The share of the kept weights of these layers one step removes: count / d. */
    public double rate(List<float[]> weights, List<float[]> masks) {
        long d = 0;
        for (float[] m : masks) {
            d += Density.kept(m);
        }
        return d == 0 ? 0 : (double) count(d, PqIndex.of(weights, masks, p, q)) / d;
    }

    private static String show(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

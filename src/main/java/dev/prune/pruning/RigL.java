package dev.prune.pruning;

import java.util.Arrays;

/**
 * RigL, dynamic sparse training (Evci et al. 2020, "Rigging the Lottery: Making All Tickets
 * Winners"; code: google-research/rigl, sparse_optimizers.py). At each update a layer drops
 * k = floor(f(t) * active) of its active weights, those of smallest magnitude, and grows as many
 * among the weights then inactive, those of largest gradient magnitude. Grown weights start at
 * zero (pruned weights are exactly zero already); a weight dropped and grown again in one update
 * keeps its value, as in the code. The drop fraction decays along a cosine,
 * f(t) = alpha / 2 * (1 + cos(pi * t / T_end)).
 *
 * <p>Where the code breaks ties with a little noise, this breaks them by position, so updates are
 * the same on every run.
 *
 * @param alpha drop fraction at the start
 * @param erk   layer sparsities by Erdős–Rényi-kernel ({@link Erk}), else uniform
 */
public record RigL(double alpha, boolean erk) implements Dynamic {

    @Override
    public String plan(String every, String until) {
        return "RigL moves connections every " + every + " until " + until + " of its clock; the sparsity stays";
    }

    /** The drop fraction {@code t} iterations into a schedule of {@code span} iterations; 0 after it. */
    public double dropFraction(long t, long span) {
        if (span <= 0 || t > span) {
            return 0;
        }
        return alpha / 2 * (1 + Math.cos(Math.PI * t / span));
    }

    /** The new mask of one layer; {@code weights} and {@code gradients} are dense, in the flat layout. */
    public static float[] update(float[] weights, float[] gradients, float[] mask, double fraction) {
        int n = mask.length;
        boolean[] active = new boolean[n];
        int ones = 0;
        float[] drop = new float[n];
        for (int i = 0; i < n; i++) {
            active[i] = mask[i] != 0f;
            if (active[i]) {
                ones++;
            }
            drop[i] = Math.abs(weights[i] * mask[i]);
        }
        int k = (int) Math.floor(ones * fraction + 1e-9);
        float[] next = mask.clone();
        if (k <= 0) {
            return next;
        }
        boolean[] dropped = lowest(drop, active, k);
        boolean[] candidates = new boolean[n];
        float[] grow = new float[n];
        for (int i = 0; i < n; i++) {
            if (dropped[i]) {
                next[i] = 0f;
            }
            candidates[i] = next[i] == 0f;
            grow[i] = -Math.abs(gradients[i]);
        }
        boolean[] grown = lowest(grow, candidates, k);
        for (int i = 0; i < n; i++) {
            if (grown[i]) {
                next[i] = 1f;
            }
        }
        return next;
    }

    /** The {@code k} eligible places of lowest score; of equal scores the first by position. */
    static boolean[] lowest(float[] scores, boolean[] eligible, int k) {
        int count = 0;
        for (boolean e : eligible) {
            if (e) {
                count++;
            }
        }
        boolean[] chosen = new boolean[scores.length];
        k = Math.min(k, count);
        if (k <= 0) {
            return chosen;
        }
        float[] sorted = new float[count];
        int j = 0;
        for (int i = 0; i < scores.length; i++) {
            if (eligible[i]) {
                sorted[j++] = scores[i];
            }
        }
        Arrays.sort(sorted);
        float threshold = sorted[k - 1];
        int atThreshold = k;
        for (int i = 0; i < k; i++) {
            if (sorted[i] < threshold) {
                atThreshold--;
            }
        }
        for (int i = 0; i < scores.length; i++) {
            if (!eligible[i]) {
                continue;
            }
            if (scores[i] < threshold) {
                chosen[i] = true;
            } else if (scores[i] == threshold && atThreshold > 0) {
                chosen[i] = true;
                atThreshold--;
            }
        }
        return chosen;
    }
}

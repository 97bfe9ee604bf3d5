package dev.prune.pruning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns scores into masks. A rate is a share of the weights still remaining in the layers
 * concerned: layer-wise, each selected layer loses that share of its own remaining weights;
 * globally, one threshold over all selected layers. The number removed is
 * ceil(rate * remaining) (methods reference), and ties are broken by position, so the amount is
 * exact and the same on every run.
 */
public final class MaskPlanner {
    /** Keeps 0.2 * 266200 from becoming 53240.000001 and so one weight too many. */
    private static final double EPS = 1e-9;

    private MaskPlanner() {}

    public static int count(double rate, long remaining) {
        return (int) Math.min(remaining, Math.ceil(rate * remaining - EPS));
    }

    /** New masks: copies of {@code masks} with more zeros in the selected layers. */
    public static List<float[]> prune(List<float[]> scores, List<float[]> masks, boolean[] selected,
                                      double rate, boolean global) {
        List<float[]> out = copy(masks);
        for (boolean[] pool : pools(selected, global)) {
            removeLowest(scores, out, pool, count(rate, remaining(out, pool)));
        }
        return out;
    }

    /**
     * The groups of layers that share one threshold: all selected layers together when global,
     * else each selected layer alone.
     */
    public static List<boolean[]> pools(boolean[] selected, boolean global) {
        List<boolean[]> pools = new ArrayList<>();
        if (global) {
            pools.add(selected.clone());
            return pools;
        }
        for (int l = 0; l < selected.length; l++) {
            if (selected[l]) {
                boolean[] only = new boolean[selected.length];
                only[l] = true;
                pools.add(only);
            }
        }
        return pools;
    }

    /** Weights still kept in the layers of a pool. */
    public static long remaining(List<float[]> masks, boolean[] pool) {
        long n = 0;
        for (int l = 0; l < masks.size(); l++) {
            if (pool[l]) {
                n += Density.kept(masks.get(l));
            }
        }
        return n;
    }

    public static List<float[]> copy(List<float[]> arrays) {
        List<float[]> out = new ArrayList<>();
        for (float[] a : arrays) {
            out.add(a.clone());
        }
        return out;
    }

    /**
     * Zeroes, in place, the {@code n} kept weights of the pool with the lowest scores; of equal
     * scores the first by layer and position go.
     */
    public static void removeLowest(List<float[]> scores, List<float[]> masks, boolean[] pool, long n) {
        long remaining = remaining(masks, pool);
        if (n <= 0 || remaining == 0) {
            return;
        }
        n = Math.min(n, remaining);
        float[] candidates = new float[(int) remaining];
        int k = 0;
        for (int l = 0; l < masks.size(); l++) {
            if (!pool[l]) {
                continue;
            }
            float[] m = masks.get(l);
            float[] s = scores.get(l);
            for (int i = 0; i < m.length; i++) {
                if (m[i] != 0f) {
                    candidates[k++] = s[i];
                }
            }
        }
        Arrays.sort(candidates);
        float threshold = candidates[(int) n - 1];
        int below = 0;
        for (int i = 0; i < n; i++) {
            if (candidates[i] < threshold) {
                below++;
            }
        }
        // Everything under the threshold goes; of the weights exactly at it, the first ones by
        // layer and position go until the count is met.
        long atThreshold = n - below;
        for (int l = 0; l < masks.size(); l++) {
            if (!pool[l]) {
                continue;
            }
            float[] m = masks.get(l);
            float[] s = scores.get(l);
            for (int i = 0; i < m.length; i++) {
                if (m[i] == 0f) {
                    continue;
                }
                if (s[i] < threshold) {
                    m[i] = 0f;
                } else if (s[i] == threshold && atThreshold > 0) {
                    m[i] = 0f;
                    atThreshold--;
                }
            }
        }
    }
}

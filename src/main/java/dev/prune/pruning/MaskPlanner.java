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
        List<float[]> out = new ArrayList<>();
        for (float[] m : masks) {
            out.add(m.clone());
        }
        if (global) {
            pruneTogether(scores, out, selected, rate);
        } else {
            for (int l = 0; l < out.size(); l++) {
                if (selected[l]) {
                    boolean[] only = new boolean[out.size()];
                    only[l] = true;
                    pruneTogether(scores, out, only, rate);
                }
            }
        }
        return out;
    }

    private static void pruneTogether(List<float[]> scores, List<float[]> masks, boolean[] selected, double rate) {
        long remaining = 0;
        for (int l = 0; l < masks.size(); l++) {
            if (selected[l]) {
                remaining += Density.kept(masks.get(l));
            }
        }
        int n = count(rate, remaining);
        if (n <= 0) {
            return;
        }
        float[] candidates = new float[(int) remaining];
        int k = 0;
        for (int l = 0; l < masks.size(); l++) {
            if (!selected[l]) {
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
        float threshold = candidates[n - 1];
        int below = 0;
        for (int i = 0; i < n; i++) {
            if (candidates[i] < threshold) {
                below++;
            }
        }
        // Everything under the threshold goes; of the weights exactly at it, the first ones by
        // layer and position go until the count is met.
        int atThreshold = n - below;
        for (int l = 0; l < masks.size(); l++) {
            if (!selected[l]) {
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

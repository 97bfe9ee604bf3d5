package dev.prune.pruning;

import java.util.List;

/** Counting kept and pruned weights in masks. */
public final class Density {
    private Density() {}

    public static long kept(float[] mask) {
        long n = 0;
        for (float v : mask) {
            if (v != 0f) {
                n++;
            }
        }
        return n;
    }

    public static long total(List<float[]> masks) {
        long n = 0;
        for (float[] m : masks) {
            n += m.length;
        }
        return n;
    }

    public static long kept(List<float[]> masks) {
        long n = 0;
        for (float[] m : masks) {
            n += kept(m);
        }
        return n;
    }

    /** Pruned share of all weights, 0 for a dense network. */
    public static double sparsity(List<float[]> masks) {
        long total = total(masks);
        return total == 0 ? 0 : 1.0 - (double) kept(masks) / total;
    }

    public static double sparsity(float[] mask) {
        return mask.length == 0 ? 0 : 1.0 - (double) kept(mask) / mask.length;
    }

    public static float[] ones(int n) {
        float[] m = new float[n];
        java.util.Arrays.fill(m, 1f);
        return m;
    }
}

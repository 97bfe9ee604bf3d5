package dev.prune.interp;

import java.util.List;

/**
 * Per-layer weight norms around a training phase, for ICE-Pick's change measure
 * delta_l = | |W_post|_1 - |W_pre|_1 | / |W_orig|_2, with W_orig the weights after the dense
 * training (or the initial weights when the recipe does not train first).
 */
final class LayerChanges {
    private double[] origL2;
    private double[] preL1;
    private double[] postL1;

    /** Takes the other's measurements; the arrays are replaced, never changed, so sharing them is safe. */
    void assign(LayerChanges other) {
        origL2 = other.origL2;
        preL1 = other.preL1;
        postL1 = other.postL1;
    }

    double[] origL2() {
        return origL2;
    }

    double[] preL1() {
        return preL1;
    }

    double[] postL1() {
        return postL1;
    }

    /** Puts back norms saved in a checkpoint (any may be null: not measured yet). */
    void restore(double[] orig, double[] pre, double[] post) {
        origL2 = orig;
        preL1 = pre;
        postL1 = post;
    }

    void original(List<float[]> weights) {
        origL2 = norms(weights, false);
    }

    boolean hasOriginal() {
        return origL2 != null;
    }

    void before(List<float[]> weights) {
        preL1 = norms(weights, true);
    }

    void after(List<float[]> weights) {
        postL1 = norms(weights, true);
    }

    /** Delta of each layer over the last training; +infinity before any training (nothing is frozen yet). */
    double[] deltas(int layers) {
        double[] out = new double[layers];
        for (int l = 0; l < layers; l++) {
            if (preL1 == null || postL1 == null || origL2 == null || origL2[l] == 0) {
                out[l] = Double.POSITIVE_INFINITY;
            } else {
                out[l] = Math.abs(postL1[l] - preL1[l]) / origL2[l];
            }
        }
        return out;
    }

    static double[] norms(List<float[]> weights, boolean l1) {
        double[] out = new double[weights.size()];
        for (int l = 0; l < weights.size(); l++) {
            double sum = 0;
            for (float w : weights.get(l)) {
                sum += l1 ? Math.abs(w) : (double) w * w;
            }
            out[l] = l1 ? sum : Math.sqrt(sum);
        }
        return out;
    }
}

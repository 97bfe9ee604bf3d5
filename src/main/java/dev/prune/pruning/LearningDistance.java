package dev.prune.pruning;

import java.util.List;

/**
 * The l2 learning distance of He, Xie, Zhu, Wang, Wang, Wang and Lin (ICML 2022, "Sparse double
 * descent"): ||theta_T - theta_0||, how far training has taken the weights from their
 * initialization. [reconstructed] Over the kept weights only: a pruned weight is held at zero by
 * the mask, and counting its initial value would measure the pruning, not the learning.
 */
public final class LearningDistance {
    private LearningDistance() {}

    public static double of(List<float[]> weights, List<float[]> initial, List<float[]> masks) {
        double sum = 0;
        for (int l = 0; l < weights.size(); l++) {
            float[] w = weights.get(l);
            float[] w0 = initial.get(l);
            float[] m = masks.get(l);
            for (int i = 0; i < w.length; i++) {
                if (m[i] != 0f) {
                    double d = (double) w[i] - w0[i];
                    sum += d * d;
                }
            }
        }
        return Math.sqrt(sum);
    }
}

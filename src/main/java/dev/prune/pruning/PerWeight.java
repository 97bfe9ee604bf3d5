package dev.prune.pruning;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores that combine each weight with one other per-weight quantity (a gradient, an earlier
 * weight, a Hessian-gradient product): the loop over layers and weights is the same for all of
 * them, only the formula differs.
 */
final class PerWeight {
    /** The formula of one weight's score from its value and the other quantity. */
    @FunctionalInterface
    interface Formula {
        float score(float weight, float other);
    }

    private PerWeight() {
    }

    static List<float[]> scores(List<float[]> weights, List<float[]> others, Formula formula) {
        List<float[]> out = new ArrayList<>(weights.size());
        for (int l = 0; l < weights.size(); l++) {
            float[] w = weights.get(l);
            float[] o = others.get(l);
            float[] s = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                s[i] = formula.score(w[i], o[i]);
            }
            out.add(s);
        }
        return out;
    }
}

package dev.prune.pruning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Movement pruning (Sanh, Wolf and Rush, NeurIPS 2020) keeps the weights that move away from zero
 * during fine-tuning; its score is -sum_t g_t w_t over the training steps. [reconstructed] For
 * steps w_{t+1} = w_t - lr g_t that sum is (1/lr) sum_t w_t (w_{t+1} - w_t), whose continuous limit
 * is (w_T^2 - w_0^2) / (2 lr): the score here is w_T^2 - w_0^2 over the last training phase, the same
 * ranking at a constant learning rate, without tracking every step.
 */
public final class Movement implements Criterion {

    @Override
    public Set<Need> needs() {
        return Set.of(Need.HISTORY);
    }

    @Override
    public List<float[]> scores(ScoreInputs inputs) {
        List<float[]> before = inputs.probe().previous();
        List<float[]> out = new ArrayList<>();
        for (int l = 0; l < inputs.weights().size(); l++) {
            float[] w = inputs.weights().get(l);
            float[] p = before.get(l);
            float[] s = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                s[i] = w[i] * w[i] - p[i] * p[i];
            }
            out.add(s);
        }
        return out;
    }
}

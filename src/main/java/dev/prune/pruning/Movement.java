package dev.prune.pruning;

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
        return PerWeight.scores(inputs.weights(), inputs.probe().previous(), (w, p) -> w * w - p * p);
    }
}

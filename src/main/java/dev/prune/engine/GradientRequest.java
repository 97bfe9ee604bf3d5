package dev.prune.engine;

import java.util.List;

/**
 * A gradient of the training loss with respect to the weights, for the criteria that score with
 * one (SNIP, GraSP, Taylor). The loss is the mean cross-entropy over training examples
 * {@code [from, from + count)} in the split's stored order, with the logits divided by
 * {@code temperature}, without weight decay.
 *
 * @param offset added to the weights (flat layout, one array per layer) for the evaluation only,
 *               so the core can take finite differences; null for none
 */
public record GradientRequest(int from, int count, double temperature, List<float[]> offset) {

    public static GradientRequest plain(int from, int count) {
        return new GradientRequest(from, count, 1.0, null);
    }
}

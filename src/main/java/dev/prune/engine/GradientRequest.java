package dev.prune.engine;

/**
 * A gradient of the training loss with respect to the weights, for the criteria that score with
 * one (SNIP, GraSP, Taylor). The loss is the mean cross-entropy over training examples
 * {@code [from, from + count)} in the split's stored order, with the logits divided by
 * {@code temperature}, without weight decay.
 */
public record GradientRequest(int from, int count, double temperature) {

    public static GradientRequest plain(int from, int count) {
        return new GradientRequest(from, count, 1.0);
    }
}

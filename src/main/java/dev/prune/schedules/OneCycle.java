package dev.prune.schedules;

/**
 * The 1cycle policy (Smith and Topin 2019, "Super-Convergence") as PyTorch's OneCycleLR computes it
 * with cosine annealing: from max/div up to {@code max} over the first {@code rise} share of the
 * phase, then down to max/(div * finalDiv) on the last iteration. Both legs are half cosines so the
 * rate is smooth at the peak.
 */
public record OneCycle(double max, double rise, double div, double finalDiv) implements LrSchedule {
    @Override
    public double at(LrContext context) {
        double initial = max / div;
        double last = initial / finalDiv;
        int iterations = context.phaseIterations();
        // position of the iteration on [0, 1] with the first and last iteration at the ends
        double u = iterations <= 1 ? 0 : context.iteration() / (double) (iterations - 1);
        if (u <= rise && rise > 0) {
            return Phase.cosine(initial, max, u / rise);
        }
        return rise >= 1 ? max : Phase.cosine(max, last, (u - rise) / (1 - rise));
    }
}

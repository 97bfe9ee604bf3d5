package dev.prune.pruning;

/**
 * Gradual pruning (Zhu and Gupta 2017, "To prune, or not to prune"): between two points of
 * training the sparsity follows a cubic from where it was to the target,
 * s(t) = s_f + (s_i - s_f) (1 - (t - t0) / (t_end - t0))^3, fast at first, while the network has
 * many redundant weights, and slowly towards the end. A step happens every {@code every}
 * iterations after {@code from}; when the span is not a multiple of the interval, the end point is
 * a step too, so the target is always reached.
 */
public final class Gradual {
    private Gradual() {}

    /** Target sparsity at clock {@code t}; {@code initial} before {@code from}, {@code target} after {@code until}. */
    public static double sparsity(double initial, double target, long t, long from, long until) {
        if (t <= from) {
            return initial;
        }
        if (t >= until) {
            return target;
        }
        double left = 1.0 - (double) (t - from) / (until - from);
        return target + (initial - target) * left * left * left;
    }

    /** True when clock {@code t} (iterations done) is a pruning step. */
    public static boolean isStep(long t, long from, long until, long every) {
        if (t <= from || t > until) {
            return false;
        }
        return t == until || (t - from) % every == 0;
    }
}

package dev.prune.pruning;

/** How much of the remaining weights one pruning step removes, from what the recipe asked for. */
public final class Amounts {
    private Amounts() {}

    /**
     * The step rate that takes sparsity from {@code now} to {@code target} in {@code stepsLeft}
     * equal steps (each removing the same share of what remains): 1 - ((1-target)/(1-now))^(1/k).
     * Zero when the target is already reached.
     */
    public static double rateToward(double now, double target, int stepsLeft) {
        if (target <= now || stepsLeft <= 0) {
            return 0;
        }
        double keep = (1 - target) / (1 - now);
        return 1 - Math.pow(keep, 1.0 / stepsLeft);
    }

    /** Sparsity after {@code cycles} steps of {@code rate} each from dense: 1 - (1-rate)^cycles. */
    public static double after(double rate, int cycles) {
        return 1 - Math.pow(1 - rate, cycles);
    }
}

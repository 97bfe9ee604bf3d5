package dev.prune.schedules;

/**
 * The S-shaped maximum learning rate shared by S-Cyc and SILO (code in Martin1937/SILO): as the
 * network gets sparser its largest useful rate rises from {@code min} to {@code max} along
 * S(x; k) = 1 / (1 + (x / (1 - x))^(-k)), with x the share of weights pruned.
 *
 * <p>Cycle indexing, checked against the VGG-19 table of the SILO code (.040 .040 .0401 .0432
 * .0664 .0917 .0984 .0997, then 0.100): t is {@link LrContext#cycle()}, 0 for the dense training
 * and c for the retraining after the c-th pruning. x_t = 1 - (1 - rate)^(t - delay) for t > delay,
 * and the maximum is {@code min} for t <= delay. With delay 1, x_t is the sparsity before cycle t
 * pruned: it lags the real sparsity by one cycle, as in the code, where max_lr is set before the
 * cycle's pruning. The rate is the prune policy's (NaN until a runner fills it in), so that x_t
 * is the sparsity.
 *
 * @param k     steepness (beta in the SILO code, 5 there)
 * @param rate  share of the remaining weights pruned per cycle
 * @param delay cycles during which the maximum stays at {@code min}
 */
public record SShape(double min, double max, double k, double rate, int delay) {

    /** S(x; k), 0 at x = 0, 1/2 at x = 1/2, 1 at x = 1, steeper in the middle as k grows. */
    public static double s(double x, double k) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        return 1 / (1 + Math.pow(x / (1 - x), -k));
    }

    /** x_t: the share of weights pruned that the maximum of cycle t answers to. */
    public double pruned(int cycle) {
        if (cycle > delay && Double.isNaN(rate)) {
            // The rate comes from the prune policy; the checker refuses cycles without one.
            throw new IllegalStateException("the S-shaped schedule follows the prune policy's rate, and no policy "
                    + "with one rate is in force; give it rate=...");
        }
        return cycle > delay ? 1 - Math.pow(1 - rate, cycle - delay) : 0;
    }

    /** max_lr(t) = min + (max - min) S(x_t; k). */
    public double maxLr(int cycle) {
        return cycle > delay ? min + (max - min) * s(pruned(cycle), k) : min;
    }
}

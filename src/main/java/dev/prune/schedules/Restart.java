package dev.prune.schedules;

/**
 * The warm-up shared by SLR, CLR, LLR and ALLR in BIMP's code: the first {@code share} of the
 * retraining (10% there) rises from 0 to the rate the schedule proper starts at. BIMP drives it with
 * PyTorch's recursive CosineAnnealingLR started from a rate of 0, which works out to half a cosine
 * rising from 0; the schedule proper then runs over the remaining iterations.
 */
final class Restart {
    private Restart() {}

    /** Warm-up iterations, BIMP's int(share * T_rt). */
    static int warm(LrContext context, double share) {
        return (int) (share * context.phaseIterations());
    }

    /** Iterations after the warm-up, at least one. */
    static int rest(LrContext context, double share) {
        return Math.max(1, context.phaseIterations() - warm(context, share));
    }

    /** The rate during the warm-up: 0 at its first iteration, {@code target} where it ends. */
    static double rise(LrContext context, double share, double target) {
        return target * (1 - Math.cos(Math.PI * context.iteration() / warm(context, share))) / 2;
    }

    static boolean warming(LrContext context, double share) {
        return context.iteration() < warm(context, share);
    }
}

package dev.prune.schedules;

/**
 * LLR, linear learning rate restarting (Zimmer et al., BIMP): after the warm-up, a line from the
 * start rate towards 0 over the remaining iterations. The start is the dense maximum; ALLR
 * ({@link AdaptiveLinearRestart}) chooses it from how much the pruning step removed.
 */
public record LinearRestart(double warmShare) implements LrSchedule {
    @Override
    public double at(LrContext context) {
        return line(context, warmShare, OriginalRun.of(context, "llr").max());
    }

    static double line(LrContext context, double warmShare, double start) {
        if (Restart.warming(context, warmShare)) {
            return Restart.rise(context, warmShare, start);
        }
        int j = context.iteration() - Restart.warm(context, warmShare);
        return start * (1 - Phase.progress(j, Restart.rest(context, warmShare)));
    }
}

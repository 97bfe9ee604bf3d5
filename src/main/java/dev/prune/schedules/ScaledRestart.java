package dev.prune.schedules;

/**
 * SLR, scaled learning rate restarting (Le and Hua 2021, as BIMP implements it): after the warm-up
 * to the dense maximum, the whole dense schedule squeezed into the remaining iterations; iteration
 * j of R replays dense iteration floor(j * T_orig / R). The dense warm-up is replaced by the
 * maximum, so the squeezed copy starts at the top.
 */
public record ScaledRestart(double warmShare) implements LrSchedule {
    @Override
    public double at(LrContext context) {
        OriginalRun run = OriginalRun.of(context, "slr");
        if (Restart.warming(context, warmShare)) {
            return Restart.rise(context, warmShare, run.max());
        }
        int j = context.iteration() - Restart.warm(context, warmShare);
        int k = (int) ((long) j * run.iterations() / Restart.rest(context, warmShare));
        return k < run.peak() ? run.max() : OriginalRun.rate(context, k);
    }
}

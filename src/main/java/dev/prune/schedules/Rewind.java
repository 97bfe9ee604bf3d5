package dev.prune.schedules;

/**
 * LR rewinding (Renda et al. 2020): replay the last T_rt iterations of the dense schedule, so a
 * retraining of T_rt iterations ends on the rate the dense training ended on:
 * lr(i) = original(T_orig - T_rt + i). A retraining longer than the dense training holds the dense
 * schedule's first rate until the replay can start.
 */
public record Rewind() implements LrSchedule {
    @Override
    public double at(LrContext context) {
        OriginalRun.of(context, "lr_rewind");
        return OriginalRun.rate(context,
                context.originalIterations() - context.phaseIterations() + context.iteration());
    }
}

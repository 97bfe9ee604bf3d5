package dev.prune.schedules;

/**
 * FT (Han et al. 2015 as framed by Renda et al. 2020): retrain at the smallest rate the dense
 * training used after its warm-up, the rate the network ended on.
 */
public record FineTune() implements LrSchedule {
    @Override
    public double at(LrContext context) {
        return OriginalRun.of(context, "ft").min();
    }
}

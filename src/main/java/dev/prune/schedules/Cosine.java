package dev.prune.schedules;

/**
 * Half a cosine from {@code lr} down to {@code min} over the phase (SGDR without restarts, PyTorch's
 * CosineAnnealingLR with T_max = the phase). DL4J 1.0.0-M2.1 has no cosine schedule.
 */
public record Cosine(double lr, double min) implements LrSchedule {
    @Override
    public double at(LrContext context) {
        return Phase.cosine(lr, min, Phase.progress(context));
    }
}

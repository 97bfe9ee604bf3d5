package dev.prune.schedules;

/**
 * A straight line from {@code start} at the first iteration towards {@code end}, which it reaches
 * as the phase ends. The rate is the one at the start of each iteration (PyTorch's LinearLR
 * convention), so a line to 0 never spends an iteration at a zero rate.
 */
public record Linear(double start, double end) implements LrSchedule {
    @Override
    public double at(LrContext context) {
        return start + (end - start) * Phase.progress(context);
    }
}

package dev.prune.schedules;

/**
 * {@code lr} multiplied by {@code gamma} once per epoch (PyTorch's ExponentialLR stepped per epoch),
 * so runs with different batch sizes decay alike per pass over the data.
 */
public record Exponential(double lr, double gamma) implements LrSchedule {
    @Override
    public double at(LrContext context) {
        return lr * Math.pow(gamma, context.epoch());
    }
}

package dev.prune.schedules;

/** {@code lr} multiplied by {@code gamma} after every {@code every} of the phase (PyTorch's StepLR). */
public record Step(double lr, double gamma, Length every) implements LrSchedule {
    @Override
    public double at(LrContext context) {
        return lr * Math.pow(gamma, context.iteration() / every.in(context));
    }
}

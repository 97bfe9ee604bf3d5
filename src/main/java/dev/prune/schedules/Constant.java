package dev.prune.schedules;

/** One rate throughout; what {@code lr 0.1} means. */
public record Constant(double value) implements LrSchedule {
    @Override
    public double at(LrContext context) {
        return value;
    }
}

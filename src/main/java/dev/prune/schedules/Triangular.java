package dev.prune.schedules;

/**
 * Smith's triangular cyclical learning rate (Smith 2017, "Cyclical Learning Rates for Training
 * Neural Networks"): from {@code base} up to {@code max} in {@code step} iterations and back down in
 * as many, repeating; a period is two steps. Counted from the start of each phase.
 */
public record Triangular(double base, double max, Length step) implements LrSchedule {
    @Override
    public double at(LrContext context) {
        return base + (max - base) * wave(context.iteration(), step.in(context));
    }

    /**
     * Smith's formula, 0 at i = 0, 1 at i = step, 0 at i = 2 step:
     * max(0, 1 - |i/step - 2 floor(1 + i/(2 step)) + 1|). The step is real so that a phase can
     * hold a whole number of triangles whatever its length.
     */
    static double wave(double i, double step) {
        double cycle = Math.floor(1 + i / (2 * step));
        return Math.max(0, 1 - Math.abs(i / step - 2 * cycle + 1));
    }
}

package dev.prune.schedules;

import java.util.List;

/**
 * The Oracle that S-Cyc and SILO compare against: in every phase, try each peak rate of a grid,
 * keep the network whose validation accuracy is best, and go on from it. It is not a function of
 * where training is, since the choice needs training, so it is not an {@link LrSchedule}: the
 * interpreter trains one {@link #candidate} per grid value from the same state and keeps the best.
 *
 * <p>[reconstructed] Within a phase each candidate has S-Cyc's shape ({@link SCyc}): {@code triangles}
 * triangles from {@code base} times the peak up to the peak and back, so that the Oracle differs
 * from S-Cyc only in how the peak of each cycle is chosen.
 *
 * @param grid  peak rates to try, in the order they are tried; a tie goes to the earlier one
 * @param base  lowest rate of a triangle as a share of its peak
 */
public record Oracle(List<Double> grid, double base, int triangles) {

    public Oracle {
        grid = List.copyOf(grid);
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("the oracle needs at least one rate to try");
        }
    }

    public LrSchedule candidate(double peak) {
        return new Candidate(peak, base * peak, triangles);
    }

    /** One candidate: triangles between {@code low} and {@code peak}, whole ones in every phase. */
    public record Candidate(double peak, double low, int triangles) implements LrSchedule {
        @Override
        public double at(LrContext context) {
            double step = Math.max(1, context.phaseIterations()) / (2.0 * Math.max(1, triangles));
            return low + (peak - low) * Triangular.wave(context.iteration(), step);
        }
    }
}

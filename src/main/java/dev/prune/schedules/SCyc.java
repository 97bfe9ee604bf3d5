package dev.prune.schedules;

/**
 * S-Cyc ("S-Cyc: A Learning Rate Schedule for Iterative Pruning of ReLU-based Networks", 2021):
 * inside each phase a triangular cyclical rate (Smith 2017) between {@code base} and the cycle's
 * maximum, the maximum growing along the {@link SShape} as the network gets sparser.
 *
 * <p>[reconstructed] Only the paper's abstract could be read, so the shape within a cycle is our
 * reading of it: {@code triangles} whole triangles per phase, each starting and ending at
 * {@code base}, with the real step size T / (2 triangles) so that every phase, whatever its length,
 * ends where it started and peaks at the cycle's maximum.
 */
public record SCyc(SShape shape, double base, int triangles) implements LrSchedule {
    @Override
    public double at(LrContext context) {
        double top = shape.maxLr(context.cycle());
        double step = Math.max(1, context.phaseIterations()) / (2.0 * Math.max(1, triangles));
        return base + (top - base) * Triangular.wave(context.iteration(), step);
    }
}

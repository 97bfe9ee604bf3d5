package dev.prune.schedules;

/** Where in its phase an iteration is, and the curves several schedules share. */
final class Phase {
    private Phase() {}

    /** i / T in [0, 1): the start of iteration i on a phase of T iterations. */
    static double progress(LrContext context) {
        return progress(context.iteration(), context.phaseIterations());
    }

    static double progress(int iteration, int iterations) {
        return Math.min(1.0, Math.max(0.0, iteration / (double) Math.max(1, iterations)));
    }

    /** From {@code from} at u = 0 to {@code to} at u = 1 along half a cosine, flat at both ends. */
    static double cosine(double from, double to, double u) {
        return to + (from - to) * (1 + Math.cos(Math.PI * u)) / 2;
    }
}

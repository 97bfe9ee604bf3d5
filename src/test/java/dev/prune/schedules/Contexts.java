package dev.prune.schedules;

import java.util.function.IntFunction;

/** Contexts and curves for schedule tests. */
final class Contexts {
    private Contexts() {}

    /** Iteration i of a phase of n iterations, 100 iterations per epoch, in the dense training. */
    static LrContext phase(int i, int n) {
        return new LrContext(i, n, 100, 0, 0, 1.0, null, 0);
    }

    /** Iteration i of the retraining of cycle c, n iterations long. */
    static LrContext cycle(int c, int i, int n) {
        return new LrContext(i, n, 100, c, 0, 1.0, null, 0);
    }

    /** Iteration i of a retraining of n iterations after a dense training of m iterations. */
    static LrContext after(LrSchedule original, int m, int i, int n) {
        return new LrContext(i, n, 100, 1, 0, 0.8, original, m, 0.2, 0.1);
    }

    /** The schedule's rate at every iteration of a phase, from the given contexts. */
    static double[] curve(LrSchedule schedule, int n, IntFunction<LrContext> context) {
        double[] rates = new double[n];
        for (int i = 0; i < n; i++) {
            rates[i] = schedule.at(context.apply(i));
        }
        return rates;
    }

    static double[] curve(LrSchedule schedule, int n) {
        return curve(schedule, n, i -> phase(i, n));
    }

    static boolean nonIncreasing(double[] rates) {
        for (int i = 1; i < rates.length; i++) {
            if (rates[i] > rates[i - 1] + 1e-15) {
                return false;
            }
        }
        return true;
    }

    static boolean nonDecreasing(double[] rates) {
        for (int i = 1; i < rates.length; i++) {
            if (rates[i] < rates[i - 1] - 1e-15) {
                return false;
            }
        }
        return true;
    }
}

package dev.prune.plan;

import dev.prune.builtins.DataSource;
import dev.prune.builtins.Format;
import dev.prune.builtins.Registry;
import dev.prune.builtins.Value;
import dev.prune.schedules.LrContext;
import dev.prune.schedules.LrSchedule;
import dev.prune.schedules.Oracle;
import java.util.ArrayList;
import java.util.List;

/**
 * The learning rate of every iteration of a planned phase, from the same context the interpreter
 * gives the schedule (cycle, density, the dense training, the step's share). Two things only
 * training knows are stood in for and said: ALLR's norm share d, taken as sqrt(s) (weights of
 * average size), and the oracle's choice, drawn as its lowest and highest candidate.
 */
final class Phases {
    /**
     * @param followed the schedule the phase follows (for the oracle, its highest candidate), which
     *                 becomes the dense schedule when the phase is the dense training
     */
    record Rates(List<double[]> curves, double max, double min, int trainings, String name, LrSchedule followed,
                 List<String> notes) {}

    private final Registry registry;

    Phases(Registry registry) {
        this.registry = registry;
    }

    /** Mini-batches in one pass over the training split, as the interpreter counts them. */
    static int iterationsPerEpoch(DataSource data) {
        return Math.max(1, (data.trainCount() + data.batch() - 1) / data.batch());
    }

    Rates rates(Value.Ref lr, int iterations, int perEpoch, int cycle, int totalCycles, Planner.State state) {
        double step = cycle == 0 ? 0 : state.stepRate;
        LrContext base = new LrContext(0, iterations, perEpoch, cycle, totalCycles, 1 - state.masks.sparsity(),
                state.original, state.originalIterations, step, Math.sqrt(step));
        List<String> notes = new ArrayList<>();
        Object made = registry.create(dev.prune.check.Schedules.following(lr, state.policy.prune()), Object.class);
        String name = lr.name().equals("constant") ? lr.args().get("value").show() : lr.name();
        if (lr.name().equals("allr")) {
            notes.add("allr's start depends on the weights pruned; drawn for weights of average size");
        }
        try {
            if (made instanceof Oracle oracle) {
                double low = oracle.grid().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                double high = oracle.grid().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                double[] lowest = curve(oracle.candidate(low), iterations, base);
                double[] highest = curve(oracle.candidate(high), iterations, base);
                notes.add("oracle: trains " + oracle.grid().size() + " times, peaks " + Format.number(low) + ".."
                        + Format.number(high) + ", and keeps the best by validation accuracy");
                return new Rates(List.of(lowest, highest), max(highest), min(lowest), oracle.grid().size(), name,
                        oracle.candidate(high), notes);
            }
            LrSchedule schedule = (LrSchedule) made;
            double[] rates = curve(schedule, iterations, base);
            return new Rates(List.of(rates), max(rates), min(rates), 1, name, schedule, notes);
        } catch (IllegalStateException e) {
            notes.add("the rates cannot be computed: " + e.getMessage());
            return new Rates(List.of(), Double.NaN, Double.NaN, 1, name, null, notes);
        }
    }

    private static double[] curve(LrSchedule schedule, int iterations, LrContext base) {
        double[] rates = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            rates[i] = schedule.at(base.withIteration(i));
        }
        return rates;
    }

    private static double max(double[] rates) {
        double m = Double.NaN;
        for (double r : rates) {
            m = Double.isNaN(m) ? r : Math.max(m, r);
        }
        return m;
    }

    private static double min(double[] rates) {
        double m = Double.NaN;
        for (double r : rates) {
            m = Double.isNaN(m) ? r : Math.min(m, r);
        }
        return m;
    }
}

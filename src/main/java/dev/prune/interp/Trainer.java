package dev.prune.interp;

import dev.prune.builtins.Registry;
import dev.prune.builtins.Value;
import dev.prune.ast.Unit;
import dev.prune.engine.EpochStats;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainRequest;
import dev.prune.engine.TrainResult;
import dev.prune.pruning.Density;
import dev.prune.schedules.LrContext;
import dev.prune.schedules.LrSchedule;
import dev.prune.source.Span;
import java.util.function.BooleanSupplier;

/** One training phase: its length in iterations, the LR of each iteration, and its data order. */
final class Trainer {
    /** Result of a phase with the learning rates it used. */
    record Phase(TrainResult result, double lrMax, double lrMin, double epochs) {}

    private final RunState state;
    private final Registry registry;
    private final RunListener listener;
    private final BooleanSupplier cancelled;
    private final InTraining inTraining;

    Trainer(RunState state, Registry registry, RunListener listener, BooleanSupplier cancelled) {
        this.state = state;
        this.registry = registry;
        this.listener = listener;
        this.cancelled = cancelled;
        this.inTraining = new InTraining(state, registry, this, listener);
    }

    int iterationsPerEpoch() {
        int batch = state.data.batch();
        return Math.max(1, (state.data.trainCount() + batch - 1) / batch);
    }

    int iterations(Value.Num duration) {
        return duration.unit() == Unit.EPOCHS ? (int) Math.round(duration.value() * iterationsPerEpoch())
                : (int) duration.value();
    }

    /** The LR schedule for a phase as a function of its iteration; pure, so plans draw the same curve. */
    LrContext context(int iterations, int cycle, int totalCycles) {
        double density = state.masks == null ? 1.0 : 1.0 - Density.sparsity(state.masks);
        return new LrContext(0, iterations, iterationsPerEpoch(), cycle, totalCycles, density, state.original,
                state.originalIterations, cycle == 0 ? 0 : state.stepRate, cycle == 0 ? 0 : state.normDrop);
    }

    Phase train(Span span, String label, Value.Num duration, Value.Ref lrRef, int cycle, int totalCycles) {
        return train(span, label, duration, lrRef, null, cycle, totalCycles);
    }

    /** @param stop a stopping rule that may end the phase early, or null */
    Phase train(Span span, String label, Value.Num duration, Value.Ref lrRef, Value.Ref stop, int cycle,
                int totalCycles) {
        LrSchedule schedule = registry.create(lrRef, LrSchedule.class);
        int iterations = iterations(duration);
        LrContext base = context(iterations, cycle, totalCycles);
        double[] lrs = new double[iterations];
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < iterations; i++) {
            lrs[i] = schedule.at(base.withIteration(i));
            max = Math.max(max, lrs[i]);
            min = Math.min(min, lrs[i]);
        }
        long dataSeed = state.seed * 1_000_003L + (long) state.phases++ * 7_919L;
        state.changes.before(state.engine.weights());
        int every = Math.max(1, iterations / 100);
        boolean beforePruning = !state.pruned;
        InTraining.Phase hook = inTraining.begin(span, label, stop);
        TrainResult result = state.engine.train(new TrainRequest(iterations, dataSeed, i -> lrs[i], hook), new TrainObserver() {
            @Override
            public void iteration(int iteration, double loss, double lr) {
                if (iteration % every == 0 || iteration == iterations - 1) {
                    listener.progress(label, iteration + 1, iterations, loss);
                }
            }

            @Override
            public void epoch(EpochStats stats) {
                listener.epoch(label, stats);
            }

            @Override
            public boolean cancelled() {
                return cancelled.getAsBoolean();
            }
        });
        hook.end(result.iterations(), iterations);
        if (beforePruning) {
            state.preIterations += result.iterations();
        }
        state.changes.after(state.engine.weights());
        double epochs = (double) result.iterations() / iterationsPerEpoch();
        state.epochs += epochs;
        if (cycle == 0 && state.cycles == 0) {
            if (state.original == null) {
                state.original = schedule;
            }
            state.originalIterations += result.iterations();
        }
        if (!result.completed()) {
            throw new RunFailure(span, result.failure() == null ? "training was stopped" : result.failure());
        }
        return new Phase(result, iterations == 0 ? Double.NaN : max, iterations == 0 ? Double.NaN : min, epochs);
    }
}

package dev.prune.interp;

import dev.prune.ast.Unit;
import dev.prune.builtins.Format;
import dev.prune.builtins.Registry;
import dev.prune.builtins.Value;
import dev.prune.engine.EpochStats;
import dev.prune.engine.EvalResult;
import dev.prune.engine.Penalty;
import dev.prune.engine.Snapshot;
import dev.prune.engine.Split;
import dev.prune.engine.TrainHook;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainRequest;
import dev.prune.engine.TrainResult;
import dev.prune.pruning.Density;
import dev.prune.schedules.LrContext;
import dev.prune.schedules.LrSchedule;
import dev.prune.schedules.Oracle;
import dev.prune.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/** One training phase: its length in iterations, the LR of each iteration, and its data order. */
final class Trainer {
    /** The row of the epoch table; evaluates the test (and validation) split when the run asks for it. */
    private EpochRecord epochRecord(String label, int cycle, EpochStats stats, long iteration, double epochs) {
        EvalResult test = NOT_EVALUATED;
        EvalResult val = NOT_EVALUATED;
        if (state.evaluateEpochs && Double.isFinite(stats.meanLoss())) {
            test = state.engine.evaluate(Split.TEST);
            val = state.engine.evaluate(Split.VALIDATION);
        }
        double[] layers = new double[state.masks.size()];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = Density.sparsity(state.masks.get(l));
        }
        return new EpochRecord(label, cycle, stats.epoch() + 1, epochs, iteration, stats.iterations(),
                stats.meanLoss(), stats.lastLr(), test.accuracy(), test.loss(), val.accuracy(),
                Density.sparsity(state.masks), layers, List.copyOf(state.frozen), stats.seconds());
    }

    private static final EvalResult NOT_EVALUATED = new EvalResult(Double.NaN, Double.NaN, 0);


    /**
     * Result of a phase with the learning rates it used.
     *
     * @param schedule the schedule that was followed (for the oracle, the chosen candidate)
     * @param chosen   the oracle's chosen peak, NaN when the schedule was not the oracle
     * @param seconds  measured training seconds, of every candidate for the oracle
     */
    record Phase(TrainResult result, double lrMax, double lrMin, double epochs, LrSchedule schedule, double chosen,
                 double seconds) {}

    private final RunState state;
    private final Registry registry;
    private final RunListener listener;
    private final BooleanSupplier cancelled;
    private final InTraining inTraining;
    /** Engines for the oracle's candidates side by side; null trains them in turn. */
    private CandidateEngines sideBySide;

    /** Where the oracle's candidates may train side by side: how many at once, and an engine like the run's. */
    interface CandidateEngines {
        int atOnce();

        dev.prune.engine.Engine engineLike(RunState from);
    }

    void sideBySide(CandidateEngines engines) {
        this.sideBySide = engines;
    }

    Trainer(RunState state, Registry registry, RunListener listener, BooleanSupplier cancelled) {
        this.state = state;
        this.registry = registry;
        this.listener = listener;
        this.cancelled = cancelled;
        this.inTraining = new InTraining(state, registry, this, listener);
    }

    boolean cancelled() {
        return cancelled.getAsBoolean();
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
        Object made = registry.create(dev.prune.check.Schedules.following(lrRef, state.policy.prune()), Object.class);
        int iterations = iterations(duration);
        LrContext base = context(iterations, cycle, totalCycles);
        long dataSeed = state.seed * 1_000_003L + (long) state.phases++ * 7_919L;
        rescaleInitialisation(label);
        List<float[]> before = state.engine.weights();
        state.changes.before(before);
        state.previous = before;
        boolean beforePruning = !state.pruned;
        InTraining.Phase hook = inTraining.begin(span, label, stop);
        Phase phase;
        if (made instanceof Oracle oracle) {
            // Each candidate starts from the same state; work inside the training would be done
            // once per candidate and kept from whichever trained last.
            inTraining.refuseInside(span, iterations, stop);
            phase = sideBySide != null && sideBySide.atOnce() > 1 && oracle.grid().size() > 1
                    && !VariantsAtOnce.hasDropout(state.network)
                    ? new CandidatesAtOnce(this, sideBySide).search(span, label, oracle, iterations, base, dataSeed)
                    : search(span, label, oracle, iterations, base, dataSeed);
        } else {
            phase = once(span, label, (LrSchedule) made, iterations, base, dataSeed, hook);
        }
        hook.end(phase.result().iterations(), iterations);
        if (beforePruning) {
            state.preIterations += phase.result().iterations();
        }
        state.changes.after(state.engine.weights());
        if (phase.result().iterations() > 0) {
            state.initialWeights = false;
        }
        state.iterations += phase.result().iterations();
        state.epochs += phase.epochs();
        if (cycle == 0 && state.cycles == 0) {
            if (state.original == null) {
                state.original = phase.schedule();
                state.originalStep = state.step;
            }
            state.originalIterations += phase.result().iterations();
        }
        return phase;
    }

    /**
     * ToST's re-scaled initialisation: when a {@code penalty tost(rescale=true)} is in force and a
     * sparse network is about to train from an initialisation, each layer's kept weights are
     * multiplied by 1/sqrt(its density), once.
     */
    private void rescaleInitialisation(String label) {
        Value.Ref ref = state.policy.penalty();
        if (ref == null || !state.initialWeights || !state.pruned) {
            return;
        }
        Penalty penalty = registry.create(ref, Penalty.class);
        if (!penalty.rescale()) {
            return;
        }
        double[] factors = Penalty.rescaleFactors(state.masks);
        if (java.util.Arrays.stream(factors).allMatch(f -> f == 1)) {
            return;
        }
        state.engine.scaleWeights(factors);
        StringBuilder text = new StringBuilder(label + ": tost rescaled the kept weights by 1/sqrt(density):");
        for (int l = 0; l < factors.length; l++) {
            text.append(' ').append(state.network.layers().get(l).name()).append(" x")
                    .append(String.format(Locale.ROOT, "%.3f", factors[l]));
        }
        listener.message(text.toString());
    }

    /** Trains each candidate of the grid from the same state and data order; goes on from the best. */
    private Phase search(Span span, String label, Oracle oracle, int iterations, LrContext base, long dataSeed) {
        Snapshot start = state.engine.snapshot();
        List<String> tried = new ArrayList<>();
        Phase best = null;
        Snapshot bestState = null;
        double bestAccuracy = Double.NEGATIVE_INFINITY;
        double seconds = 0;
        List<Double> grid = oracle.grid();
        for (int k = 0; k < grid.size(); k++) {
            if (k > 0) {
                state.engine.restore(start);
            }
            double peak = grid.get(k);
            Phase p = once(span, label + " lr " + Format.number(peak), oracle.candidate(peak), iterations, base,
                    dataSeed, TrainHook.NONE);
            seconds += p.seconds();
            double accuracy = state.engine.evaluate(Split.VALIDATION).accuracy();
            if (Double.isNaN(accuracy)) {
                throw new RunFailure(span, "the oracle chooses by validation accuracy, and the data has no "
                        + "validation split");
            }
            tried.add(tried(peak, accuracy));
            if (accuracy > bestAccuracy) {
                bestAccuracy = accuracy;
                best = new Phase(p.result(), p.lrMax(), p.lrMin(), p.epochs(), p.schedule(), peak, 0);
                bestState = k == grid.size() - 1 ? null : state.engine.snapshot();
            }
        }
        if (bestState != null) {
            state.engine.restore(bestState);
        }
        return chosen(label, tried, best, seconds);
    }

    /** The phase the oracle goes on from, after the console hears what each candidate reached. */
    Phase chosen(String label, List<String> tried, Phase best, double seconds) {
        listener.message(label + " oracle: validation accuracy " + String.join(", ", tried) + "; goes on from "
                + Format.number(best.chosen()));
        return new Phase(best.result(), best.lrMax(), best.lrMin(), best.epochs(), best.schedule(), best.chosen(),
                seconds);
    }

    /** One candidate's line in the oracle's message. */
    static String tried(double peak, double accuracy) {
        return String.format(Locale.ROOT, "%s %.2f%%", Format.number(peak), 100 * accuracy);
    }

    RunState state() {
        return state;
    }

    /** Under a penalty that learns the masks (SCL), the engine's masks are the run's: sparsity per layer is theirs. */
    private void adoptLearnedMasks(Penalty penalty) {
        if (penalty.learnsMasks()) {
            state.masks = new ArrayList<>(state.engine.masks());
        }
    }

    Registry registry() {
        return registry;
    }

    RunListener listener() {
        return listener;
    }

    Phase once(Span span, String label, LrSchedule schedule, int iterations, LrContext base, long dataSeed,
                       TrainHook hook) {
        double[] lrs = new double[iterations];
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < iterations; i++) {
            lrs[i] = schedule.at(base.withIteration(i));
            max = Math.max(max, lrs[i]);
            min = Math.min(min, lrs[i]);
        }
        listener.phase(new PhaseStart(label, base.cycle(), base.totalCycles(), state.iterations, iterationsPerEpoch(),
                lrs));
        int every = Math.max(1, iterations / 100);
        long firstIteration = state.iterations;
        double epochsBefore = state.epochs;
        Value.Ref penaltyRef = state.policy.penalty();
        Penalty penalty = penaltyRef == null ? Penalty.NONE : registry.create(penaltyRef, Penalty.class);
        if (penaltyRef != null) {
            listener.penalty(label, penaltyRef.show());
        }
        Penalty.Projection projection = penalty.projection();
        TrainHook during = projection == null ? hook : Projections.around(hook, state.engine, state.network, projection,
                iterations);
        TrainResult result = state.engine.train(new TrainRequest(iterations, dataSeed, i -> lrs[i], during, penalty),
                new TrainObserver() {
            private long done;

            @Override
            public void iteration(int iteration, double loss, double lr) {
                if (iteration % every == 0 || iteration == iterations - 1) {
                    listener.progress(label, iteration + 1, iterations, loss);
                }
            }

            @Override
            public void epoch(EpochStats stats) {
                done += stats.iterations();
                adoptLearnedMasks(penalty);
                listener.epoch(label, stats);
                listener.epochEnded(epochRecord(label, base.cycle(), stats, firstIteration + done,
                        epochsBefore + (double) done / iterationsPerEpoch()), state.network);
            }

            @Override
            public boolean cancelled() {
                return cancelled.getAsBoolean();
            }
        });
        adoptLearnedMasks(penalty);
        if (penalty.spectral() != null && Double.isFinite(state.engine.spectralRadius())) {
            listener.message(label + ": Hessian spectral radius " + String.format(Locale.ROOT, "%.2f",
                    Math.abs(state.engine.spectralRadius())) + " at the last penalty step");
        }
        state.timing.measured(base.cycle() == 0, result.iterations(), result.seconds());
        if (!result.completed() && cancelled.getAsBoolean()) {
            throw new RunCancelled(span, label + " stopped after " + result.iterations() + " of " + iterations
                    + " iterations");
        }
        if (!result.completed()) {
            // The engine says what went wrong within the request; the run knows which phase that was.
            String where = !label.equals("train") ? label
                    : state.cycles == 0 ? "dense training" : "training after cycle " + state.cycles;
            throw new RunFailure(span, where + ": " + (result.failure() == null ? "training was stopped"
                    : result.failure()));
        }
        if (projection != null) {
            Projections.report(state.network, Projections.project(state.engine, state.network, projection), projection)
                    .forEach(listener::message);
        }
        double epochs = (double) result.iterations() / iterationsPerEpoch();
        return new Phase(result, iterations == 0 ? Double.NaN : max, iterations == 0 ? Double.NaN : min, epochs,
                schedule, Double.NaN, result.seconds());
    }
}

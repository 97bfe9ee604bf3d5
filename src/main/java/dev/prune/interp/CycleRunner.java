package dev.prune.interp;

import dev.prune.builtins.Registry;
import dev.prune.check.Condition;
import dev.prune.check.LayerRule;
import dev.prune.check.PruneSpec;
import dev.prune.check.Scope;
import dev.prune.engine.EngineException;
import dev.prune.engine.EvalResult;
import dev.prune.engine.Split;
import dev.prune.pruning.Amounts;
import dev.prune.pruning.Criterion;
import dev.prune.pruning.Density;
import dev.prune.pruning.MaskPlanner;
import dev.prune.pruning.ScoreInputs;
import dev.prune.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The pruning cycle, in the documented order: prune, rewind, freeze, retrain (unless the
 * finetune rule skips it), evaluate and record.
 */
final class CycleRunner {
    private final RunState state;
    private final Registry registry;
    private final Trainer trainer;
    private final Conditions conditions;
    private final RunListener listener;
    private final Freezing freezing;

    CycleRunner(RunState state, Registry registry, Trainer trainer, Conditions conditions, RunListener listener) {
        this.state = state;
        this.registry = registry;
        this.trainer = trainer;
        this.conditions = conditions;
        this.listener = listener;
        this.freezing = new Freezing(state, conditions);
    }

    /**
     * Runs up to {@code max} cycles; with a condition, stops as soon as it holds. {@code done}
     * cycles of this run have finished already (a resumed run); {@code afterCycle} hears how many
     * have finished each time a row is recorded, 0 for the cycle-0 row.
     */
    void run(Span span, int max, Condition until, int done, IntConsumer afterCycle) {
        if (state.records.isEmpty()) {
            record(0, null, 0, false, false);
            afterCycle.accept(0);
        }
        int total = state.cycles - done + max;
        for (int n = done; n < max; n++) {
            if (trainer.cancelled()) {
                throw new RunCancelled(span, "stopped before cycle " + (state.cycles + 1));
            }
            if (until != null && conditions.holds(until, Scope.Metrics.RUN, conditions.metrics(last()))) {
                return;
            }
            Undo undo = Undo.take(state);
            try {
                cycle(span, total);
            } catch (RunFailure | EngineException stopped) {
                if (undo != null) {
                    undo.restore(state);
                }
                throw stopped;
            }
            afterCycle.accept(n + 1);
        }
        if (until != null && !conditions.holds(until, Scope.Metrics.RUN, conditions.metrics(last()))) {
            listener.message("warning: stopped after " + max + " cycles; '" + until.text() + "' never held");
        }
    }

    private CycleRecord last() {
        return state.records.get(state.records.size() - 1);
    }

    private void cycle(Span span, int totalCycles) {
        long start = System.nanoTime();
        int cycle = state.cycles + 1;
        prune(state.prune, true);
        if (state.rewindTo != null) {
            state.engine.rewind(state.rewindTo);
        }
        if (state.freeze != null) {
            freezing.apply(state.freeze);
        }
        boolean retrain = state.retrain != null;
        boolean skipped = false;
        if (retrain && state.finetune != null) {
            EvalResult now = state.engine.evaluate(Split.TEST);
            CycleRecord probe = new CycleRecord(cycle, Density.sparsity(state.masks), now.accuracy(), now.loss(),
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, false, List.of(), new double[0],
                    false, 0, Double.NaN, state.variant);
            retrain = conditions.holds(state.finetune, Scope.Metrics.RUN, conditions.metrics(probe));
            skipped = !retrain;
        }
        Trainer.Phase phase = null;
        if (retrain) {
            phase = trainer.train(span, "cycle " + cycle, state.retrain,
                    state.retrainLr != null ? state.retrainLr : state.lr, cycle, totalCycles);
        }
        state.cycles = cycle;
        state.pruneCycles++;
        record(cycle, phase, (System.nanoTime() - start) / 1e9, retrain, skipped);
    }

    /** One pruning step with the spec's amount for this step; masks go to the engine. */
    void prune(PruneSpec spec, boolean policy) {
        boolean[] selected = new boolean[state.masks.size()];
        spec.layers().forEach(l -> selected[l] = true);
        double rate = spec.rate();
        if (spec.target() > 0) {
            List<float[]> chosen = new ArrayList<>();
            spec.layers().forEach(l -> chosen.add(state.masks.get(l)));
            int left = policy ? Math.max(1, spec.over() - state.pruneCycles) : 1;
            rate = Amounts.rateToward(Density.sparsity(chosen), spec.target(), left);
        }
        if (rate <= 0) {
            return;
        }
        Criterion criterion = registry.create(spec.criterion(), Criterion.class);
        long seed = state.seed * 31L + state.cycles * 1_000_033L + 17;
        List<float[]> weights = state.engine.weights();
        ScoreInputs inputs = new ScoreInputs(state.network, weights, state.masks, seed);
        List<float[]> next = MaskPlanner.prune(criterion.scores(inputs), state.masks, selected, rate, spec.global());
        state.stepRate = rate;
        state.normDrop = normRemoved(weights, state.masks, next);
        state.masks = next;
        state.engine.applyMasks(state.masks);
    }

    /** ||removed|| / ||before|| over all weights: d in ALLR. */
    static double normRemoved(List<float[]> weights, List<float[]> before, List<float[]> after) {
        double all = 0;
        double removed = 0;
        for (int l = 0; l < weights.size(); l++) {
            float[] w = weights.get(l);
            for (int i = 0; i < w.length; i++) {
                double sq = (double) w[i] * w[i] * before.get(l)[i];
                all += sq;
                if (after.get(l)[i] == 0f) {
                    removed += sq;
                }
            }
        }
        return all == 0 ? 0 : Math.sqrt(removed / all);
    }

    private void record(int cycle, Trainer.Phase phase, double seconds, boolean retrained, boolean skipped) {
        double saved = skipped ? state.timing.estimate(trainer.iterations(state.retrain)) : 0;
        EvalResult test = state.engine.evaluate(Split.TEST);
        EvalResult val = state.engine.evaluate(Split.VALIDATION);
        state.last = test;
        if (cycle == 0) {
            state.denseAccuracy = test.accuracy();
        }
        double[] layers = new double[state.masks.size()];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = Density.sparsity(state.masks.get(l));
        }
        CycleRecord r = new CycleRecord(cycle, Density.sparsity(state.masks), test.accuracy(), test.loss(),
                val.accuracy(), phase == null ? Double.NaN : phase.lrMax(), phase == null ? Double.NaN : phase.lrMin(),
                phase == null ? Double.NaN : phase.result().lastLoss(), phase == null ? 0 : phase.epochs(), seconds,
                retrained, List.copyOf(state.frozen), layers, skipped, saved, phase == null ? Double.NaN : phase.chosen(),
                state.variant);
        state.records.add(r);
        listener.cycle(r, state.network);
    }
}

package dev.prune.interp;

import dev.prune.ast.Unit;
import dev.prune.builtins.Registry;
import dev.prune.builtins.Value;
import dev.prune.check.Condition;
import dev.prune.check.LayerRule;
import dev.prune.check.Policy;
import dev.prune.check.PruneSpec;
import dev.prune.check.Scope;
import dev.prune.check.Step;
import dev.prune.engine.EngineException;
import dev.prune.engine.EvalResult;
import dev.prune.engine.Split;
import dev.prune.pruning.Amounts;
import dev.prune.pruning.Cost;
import dev.prune.pruning.Criterion;
import dev.prune.pruning.Density;
import dev.prune.pruning.Flops;
import dev.prune.pruning.LearningDistance;
import dev.prune.pruning.MaskPlanner;
import dev.prune.pruning.PqIndex;
import dev.prune.pruning.Sap;
import dev.prune.pruning.ScoreInputs;
import dev.prune.pruning.UnitPlanner;
import dev.prune.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The pruning cycle, in the documented order: prune, rewind, freeze, retrain (unless the
 * finetune rule skips it), evaluate and record.
 */
final class CycleRunner {
    /** Training examples the dead neuron rate is measured on: enough for three digits, cheap per cycle. */
    static final int DNR_EXAMPLES = 10_000;

    private final RunState state;
    private final Registry registry;
    private final Trainer trainer;
    private final Conditions conditions;
    private final RunListener listener;
    private final Freezing freezing;
    private final Rewinding rewinding;

    CycleRunner(RunState state, Registry registry, Trainer trainer, Conditions conditions, RunListener listener) {
        this.state = state;
        this.registry = registry;
        this.trainer = trainer;
        this.conditions = conditions;
        this.listener = listener;
        this.freezing = new Freezing(state, conditions);
        this.rewinding = new Rewinding(state, trainer);
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
        Policy policy = state.policy;
        prune(policy.prune(), true);
        rewinding.apply(span, cycle);
        if (policy.freeze() != null) {
            freezing.apply(policy.freeze());
        }
        boolean retrain = policy.retrain() != null;
        boolean skipped = false;
        if (retrain && policy.finetune() != null) {
            // Only what the condition names is measured: the decision's cost is part of what it saves.
            CycleProbe probe = new CycleProbe(state, cycle, this::deadRate, this::distance);
            retrain = conditions.holds(policy.finetune(), Scope.Metrics.RUN, conditions.metrics(probe));
            skipped = !retrain;
        }
        Trainer.Phase phase = null;
        if (retrain) {
            phase = trainer.train(span, "cycle " + cycle, policy.retrain(), policy.retrainSchedule(),
                    policy.retrainStop(), cycle, totalCycles);
        }
        state.cycles = cycle;
        state.pruneCycles++;
        record(cycle, phase, (System.nanoTime() - start) / 1e9, retrain, skipped);
    }

    /** One pruning step with the spec's amount for this step; masks go to the engine. */
    void prune(PruneSpec spec, boolean policy) {
        if (spec == null) {
            // The prune policy in force acts inside training, or there is none.
            return;
        }
        if (spec.amount() != null) {
            pruneAdaptive(spec, registry.create(spec.amount(), Sap.class));
            return;
        }
        int left = policy ? Math.max(1, spec.over() - state.pruneCycles) : 1;
        if (spec.perLayer()) {
            pruneShares(spec, left);
            return;
        }
        Criterion criterion = registry.create(spec.criterion(), Criterion.class);
        double rate = spec.rate();
        if (spec.target() > 0) {
            rate = Amounts.rateToward(pruned(criterion, spec.layers()), spec.target(), left);
        }
        if (rate <= 0) {
            return;
        }
        pruneAt(spec, rate, state.cycles);
    }

    /**
     * Rates (or targets, reached in {@code left} steps) per selection: each share pruned in turn
     * (with global, one threshold within it); the step's rate is what it removed of the selected
     * layers' remaining weights, and its norm drop covers all shares, as for a step at one rate.
     */
    private void pruneShares(PruneSpec spec, int left) {
        List<float[]> weights = state.engine.weights();
        List<float[]> before = state.masks;
        double kept = kept(before, spec.layers());
        Criterion criterion = registry.create(spec.criterion(), Criterion.class);
        for (PruneSpec.Share share : spec.shares()) {
            double rate = share.stepRate(share.target() > 0 ? pruned(criterion, share.layers()) : 0, left);
            if (rate > 0) {
                pruneAt(spec, share.layers(), rate, state.cycles);
            }
        }
        state.stepRate = kept == 0 ? 0 : 1 - kept(state.masks, spec.layers()) / kept;
        state.normDrop = normRemoved(weights, before, state.masks);
    }

    private static double kept(List<float[]> masks, Set<Integer> layers) {
        double n = 0;
        for (int l : layers) {
            for (float m : masks.get(l)) {
                n += m;
            }
        }
        return n;
    }

    /** Removes {@code rate} of the remaining weights of the spec's layers; {@code salt} varies the seed. */
    void pruneAt(PruneSpec spec, double rate, long salt) {
        pruneAt(spec, spec.layers(), rate, salt);
    }

    /** Removes {@code rate} of the remaining weights of {@code layers} by the spec's criterion. */
    private void pruneAt(PruneSpec spec, Set<Integer> layers, double rate, long salt) {
        boolean[] selected = new boolean[state.masks.size()];
        layers.forEach(l -> selected[l] = true);
        Criterion criterion = registry.create(spec.criterion(), Criterion.class);
        long seed = state.seed * 31L + salt * 1_000_033L + 17;
        List<float[]> weights = state.engine.weights();
        EngineProbe probe = new EngineProbe(state.engine, state.data.batch(), state.data.trainCount(), state.previous);
        ScoreInputs inputs = new ScoreInputs(state.network, weights, state.masks, seed, probe);
        List<float[]> next = criterion.prune(inputs, selected, rate, spec.global());
        state.stepRate = rate;
        state.normDrop = normRemoved(weights, state.masks, next);
        state.masks = next;
        state.pruned = true;
        state.engine.applyMasks(state.masks);
    }

    /**
     * SAP: each layer (or, when global, the selected layers together) loses the share its kept
     * weights' PQ index asks for; the shares and indices are reported, since no plan can know them.
     */
    private void pruneAdaptive(PruneSpec spec, Sap sap) {
        List<float[]> weights = state.engine.weights();
        List<Set<Integer>> pools = new ArrayList<>();
        if (spec.global()) {
            pools.add(spec.layers());
        } else {
            spec.layers().forEach(l -> pools.add(Set.of(l)));
        }
        StringBuilder said = new StringBuilder(spec.amount().show() + ":");
        for (Set<Integer> pool : pools) {
            List<float[]> w = new ArrayList<>();
            List<float[]> m = new ArrayList<>();
            pool.stream().sorted().forEach(l -> {
                w.add(weights.get(l));
                m.add(state.masks.get(l));
            });
            double index = PqIndex.of(w, m, sap.p(), sap.q());
            double rate = sap.rate(w, m);
            said.append(String.format(Locale.ROOT, " %s PQ index %.4f, prunes %.2f%%;",
                    pool.size() == 1 ? state.network.layers().get(pool.iterator().next()).name() : "all",
                    index, 100 * rate));
            if (rate > 0) {
                pruneAt(new PruneSpec(spec.criterion(), spec.global(), rate, 0, 1, pool, spec.text()), rate,
                        state.cycles);
            }
        }
        listener.message(said.substring(0, said.length() - 1));
    }

    /** What a target counts: the pruned share of the selected layers' weights, or of their units. */
    private double pruned(Criterion criterion, Set<Integer> layers) {
        if (criterion.structured()) {
            return UnitPlanner.sparsity(state.network, state.masks, layers);
        }
        List<float[]> chosen = new ArrayList<>();
        layers.forEach(l -> chosen.add(state.masks.get(l)));
        return Density.sparsity(chosen);
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

    /**
     * Scratch-E, Scratch-B (Liu et al. 2019) or a given length: one more cycle that prunes nothing,
     * draws fresh random weights for the surviving connections, clears the optimizer state, and trains.
     */
    void scratch(Span span, Step.Scratch step) {
        if (state.records.isEmpty()) {
            record(0, null, 0, false, false);
        }
        long start = System.nanoTime();
        int cycle = state.cycles + 1;
        double flops = Flops.ratio(state.network, state.masks);
        long iterations;
        String what;
        switch (step.budget()) {
            case EPOCHS:
                iterations = state.preIterations;
                what = "scratch e";
                break;
            case FLOPS:
                iterations = Math.round(state.preIterations * flops);
                what = String.format(Locale.ROOT, "scratch b (FLOPs ratio %.3g)", flops);
                break;
            default:
                iterations = trainer.iterations(step.duration());
                what = "scratch " + step.duration().show();
        }
        if (iterations <= 0) {
            throw new RunFailure(span, "scratch trains as long as the training before the first pruning, and "
                    + "there was none; give a length, e.g. 'scratch 3 epochs'");
        }
        if (iterations > Integer.MAX_VALUE) {
            throw new RunFailure(span, "scratch b would train " + iterations + " iterations; give a length instead");
        }
        state.engine.reinitialize(Rewinding.freshSeed(state.seed, cycle));
        state.initialWeights = true;
        listener.message(String.format(Locale.ROOT, "%s: %d iterations (%.3g epochs) from a fresh initialization at "
                        + "sparsity %.2f%%", what, iterations, (double) iterations / trainer.iterationsPerEpoch(),
                100 * Density.sparsity(state.masks)));
        Trainer.Phase phase = trainer.train(span, "scratch", new Value.Num(iterations, Unit.ITERATIONS),
                step.lr() != null ? step.lr() : state.policy.lr(), cycle, 0);
        state.cycles = cycle;
        record(cycle, phase, (System.nanoTime() - start) / 1e9, true, false);
    }

    private double distance() {
        return state.initial == null ? Double.NaN
                : LearningDistance.of(state.engine.weights(), state.initial, state.masks);
    }

    private double deadRate() {
        return Cost.hasRelu(state.network)
                ? Cost.deadRate(state.network, state.engine.unitActivity(DNR_EXAMPLES)) : Double.NaN;
    }

    private void record(int cycle, Trainer.Phase phase, double seconds, boolean retrained, boolean skipped) {
        double saved = skipped ? state.timing.estimate(trainer.iterations(state.policy.retrain())) : 0;
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
        double dnr = deadRate();
        CycleRecord r = new CycleRecord(cycle, Density.sparsity(state.masks), test.accuracy(), test.loss(),
                val.accuracy(), phase == null ? Double.NaN : phase.lrMax(), phase == null ? Double.NaN : phase.lrMin(),
                phase == null ? Double.NaN : phase.result().lastLoss(), phase == null ? 0 : phase.epochs(), seconds,
                retrained, List.copyOf(state.frozen), layers, skipped, saved, phase == null ? Double.NaN : phase.chosen(),
                state.variant, Cost.compression(state.masks), Cost.speedup(state.network, state.masks), dnr,
                distance());
        state.records.add(r);
        listener.cycle(r, state.network);
    }
}

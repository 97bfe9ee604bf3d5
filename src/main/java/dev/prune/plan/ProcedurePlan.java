package dev.prune.plan;

import dev.prune.ast.Unit;
import dev.prune.builtins.Format;
import dev.prune.builtins.Registry;
import dev.prune.builtins.Value;
import dev.prune.check.GradualSpec;
import dev.prune.check.Policy;
import dev.prune.check.PruneSpec;
import dev.prune.check.Step;
import dev.prune.engine.LayerSpec;
import dev.prune.pruning.Amounts;
import dev.prune.pruning.Erk;
import dev.prune.pruning.Gradual;
import dev.prune.pruning.Dynamic;
import java.util.ArrayList;
import java.util.List;

/**
 * The procedures in a plan, as the interpreter runs them: the sparsity a prune policy inside
 * training reaches by the end of each phase (one step to the cubic's last value in the phase, so
 * per-layer figures can differ slightly from the run's), RigL's starting masks, the rewind
 * target, early stopping, and how long the scratch baselines train.
 */
final class ProcedurePlan {
    private final Registry registry;

    ProcedurePlan(Registry registry) {
        this.registry = registry;
    }

    /** A prune policy that acts inside training is set; dynamic sparse training's masks start at the target at once. */
    void start(Planner.State state, Step.SetGradual g) {
        state.gradualClock = 0;
        state.gradualInitial = Double.NaN;
        if (!g.timing().dynamic()) {
            return;
        }
        Dynamic dynamic = registry.create(g.prune().criterion(), Dynamic.class);
        List<LayerSpec> layers = state.network.layers();
        boolean[] selected = new boolean[layers.size()];
        g.prune().layers().forEach(l -> selected[l] = true);
        double[] sparsity = Erk.sparsities(layers, selected, g.prune().target(), dynamic.erk());
        for (int l : g.prune().layers()) {
            state.masks.reset(l, sparsity[l]);
        }
    }

    /** The policy's steps during a phase of {@code iterations}; notes for the phase's row. */
    List<String> during(Planner.State state, int iterations) {
        List<String> notes = new ArrayList<>();
        Step.SetGradual g = state.policy.gradual();
        if (g == null) {
            return notes;
        }
        GradualSpec timing = g.timing();
        PruneSpec spec = g.prune();
        long every = iterations(state, timing.every());
        long from = iterations(state, timing.from());
        long until = iterations(state, timing.until());
        long start = state.gradualClock;
        long end = start + iterations;
        state.gradualClock = end;
        long last = end >= until ? until : end > from ? from + (end - from) / every * every : from;
        if (last <= Math.max(start, from)) {
            return notes;
        }
        if (timing.dynamic()) {
            notes.add(registry.create(spec.criterion(), Dynamic.class).plan(timing.every().show(),
                    timing.until().show()));
            return notes;
        }
        if (Double.isNaN(state.gradualInitial)) {
            state.gradualInitial = state.masks.sparsity(spec.layers());
        }
        double goal = Gradual.sparsity(state.gradualInitial, spec.target(), last, from, until);
        double rate = Amounts.rateToward(state.masks.sparsity(spec.layers()), goal, 1);
        if (rate > 0) {
            state.masks.prune(rate, spec.layers(), spec.global());
        }
        notes.add("gradual pruning inside this training to " + Format.number(Math.round(goal * 10000) / 100.0)
                + "%, a step every " + timing.every().show() + (last == until ? " (target reached)" : ""));
        return notes;
    }

    /** How the rewind policy shows in the plan; null for no rewinding. */
    static String rewind(Policy p) {
        String target = p.rewindPoint() != null ? (p.rewindPoint().unit() == Unit.EPOCHS ? "epoch " : "iteration ")
                + Format.number(p.rewindPoint().value()) : p.rewindTo();
        return target == null ? null : target + (p.rewindLr() ? " +lr" : "");
    }

    static String stopping(Value.Ref stop) {
        if (stop.name().equals("early_bird")) {
            return "stops once the channel mask by batch norm gamma settles (" + stop.show()
                    + "); drawn at its full length";
        }
        return "stops early once the validation loss stalls (" + stop.show() + "); drawn at its full length";
    }

    /** A scratch baseline's length in iterations, from what the plan knows of the training before pruning. */
    static long scratchIterations(Planner.State state, Step.Scratch x, List<String> notes) {
        switch (x.budget()) {
            case EPOCHS:
                notes.add("scratch e: as long as the training before pruning, from fresh weights");
                return state.originalIterations;
            case FLOPS:
                double ratio = flopsRatio(state);
                notes.add("scratch b: the training before pruning times the FLOPs ratio " + Format.number(
                        Math.round(ratio * 100) / 100.0) + ", from fresh weights");
                return Math.round(state.originalIterations * ratio);
            default:
                notes.add("from fresh weights");
                return iterations(state, x.duration());
        }
    }

    private static double flopsRatio(Planner.State state) {
        double[] sparsity = state.masks.layers();
        double dense = 0;
        double left = 0;
        for (int l = 0; l < sparsity.length; l++) {
            LayerSpec layer = state.network.layers().get(l);
            double flops = (double) layer.weightCount() * layer.flopsPerWeight();
            dense += flops;
            left += flops * (1 - sparsity[l]);
        }
        return left == 0 ? Double.POSITIVE_INFINITY : dense / left;
    }

    private static long iterations(Planner.State state, Value.Num n) {
        return n.unit() == Unit.EPOCHS ? Math.round(n.value() * Phases.iterationsPerEpoch(state.data))
                : Math.round(n.value());
    }
}

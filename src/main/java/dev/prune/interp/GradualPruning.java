package dev.prune.interp;

import dev.prune.builtins.Registry;
import dev.prune.check.GradualSpec;
import dev.prune.check.PruneSpec;
import dev.prune.engine.GradientRequest;
import dev.prune.engine.LayerSpec;
import dev.prune.pruning.Amounts;
import dev.prune.pruning.Density;
import dev.prune.pruning.Erk;
import dev.prune.pruning.Gradual;
import dev.prune.pruning.Platon;
import dev.prune.pruning.RigL;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A prune policy at work inside training. Its clock counts the iterations trained since the
 * policy was set, across train statements and cycles; at each step point it either raises the
 * sparsity along Zhu and Gupta's cubic with the policy's criterion, or (RigL) drops and regrows
 * weights at the sparsity it started with.
 */
final class GradualPruning {
    private final RunState state;
    private final Registry registry;
    private final PruneSpec spec;
    private final GradualSpec timing;
    private final Trainer trainer;
    private final Pruner pruner;
    private final RigL rigl;
    private final long every;
    private final long from;
    private final long until;
    private final boolean[] selected;
    private long clock;
    private double initial = Double.NaN;
    private int updates;
    private boolean tracking;

    GradualPruning(RunState state, Registry registry, PruneSpec spec, GradualSpec timing, Trainer trainer, Pruner pruner) {
        this.state = state;
        this.registry = registry;
        this.spec = spec;
        this.timing = timing;
        this.trainer = trainer;
        this.pruner = pruner;
        this.rigl = timing.dynamic() ? registry.create(spec.criterion(), RigL.class) : null;
        this.every = trainer.iterations(timing.every());
        this.from = trainer.iterations(timing.from());
        this.until = trainer.iterations(timing.until());
        this.selected = new boolean[state.network.layers().size()];
        spec.layers().forEach(l -> selected[l] = true);
    }

    /**
     * What the policy does as it is set: PLATON's averages start from zero; RigL starts from
     * random masks at the target sparsity.
     */
    void start() {
        track();
        if (rigl == null) {
            return;
        }
        List<LayerSpec> layers = state.network.layers();
        double[] sparsity = Erk.sparsities(layers, selected, spec.target(), rigl.erk());
        SplittableRandom random = new SplittableRandom(state.seed * 1_000_003L + 4_241L);
        List<float[]> masks = new ArrayList<>(state.masks);
        for (int l = 0; l < layers.size(); l++) {
            if (selected[l]) {
                masks.set(l, Erk.randomMask(layers.get(l).weightCount(), sparsity[l], random));
            }
        }
        apply(masks);
    }

    /**
     * Has the engine keep PLATON's averages from now on when the policy's criterion reads them.
     * They are part of the engine's snapshot and saved state, so a copy for a sweep's variant goes
     * on with the engine's averages rather than starting them again, and a resumed run gets them
     * back when the engine's state is restored.
     */
    private void track() {
        tracking = true;
        if (rigl == null && registry.create(spec.criterion(), Object.class) instanceof Platon p) {
            state.engine.trackImportance(p.beta1(), p.beta2());
        }
    }

    /** One iteration trained under the policy; acts when the clock reaches a step point. */
    void tick() {
        if (!tracking) {
            track();
        }
        clock++;
        if (!Gradual.isStep(clock, from, until, every)) {
            return;
        }
        if (rigl != null) {
            regrow();
            return;
        }
        if (Double.isNaN(initial)) {
            initial = Density.sparsity(chosen(state.masks));
        }
        double goal = Gradual.sparsity(initial, spec.target(), clock, from, until);
        double rate = Amounts.rateToward(Density.sparsity(chosen(state.masks)), goal, 1);
        if (rate > 0) {
            pruner.prune(spec, rate, state.cycles + 7_919L * clock);
        }
    }

    /** RigL's update: per selected layer, drop the smallest weights and grow where the gradient is largest. */
    private void regrow() {
        double fraction = rigl.dropFraction(clock - from, until - from);
        if (fraction <= 0) {
            return;
        }
        int n = state.trainCount;
        int count = Math.min(state.data.batch(), n);
        // A different stretch of the training data at each update, as a step's own batch would be.
        int start = (int) ((long) updates++ * count % (n - count + 1));
        List<float[]> weights = state.engine.weights();
        List<float[]> gradients = state.engine.lossGradients(GradientRequest.plain(start, count));
        List<float[]> masks = new ArrayList<>(state.masks);
        for (int l = 0; l < masks.size(); l++) {
            if (selected[l]) {
                masks.set(l, RigL.update(weights.get(l), gradients.get(l), masks.get(l), fraction));
            }
        }
        apply(masks);
    }

    private void apply(List<float[]> masks) {
        state.masks = masks;
        state.pruned = true;
        state.engine.applyMasks(masks);
    }

    private List<float[]> chosen(List<float[]> masks) {
        List<float[]> out = new ArrayList<>();
        spec.layers().forEach(l -> out.add(masks.get(l)));
        return out;
    }

    long clock() {
        return clock;
    }

    double initial() {
        return initial;
    }

    int updates() {
        return updates;
    }

    /**
     * Where a resumed run's policy is: its clock and what it had measured. PLATON's averages come
     * back with the engine's state, over the fresh ones the rebuilt engine started.
     */
    void resumeAt(long clock, double initial, int updates) {
        this.clock = clock;
        this.initial = initial;
        this.updates = updates;
    }

    /** An independent copy, clock and all, for a sweep's variants. */
    GradualPruning copy() {
        GradualPruning c = restart();
        c.clock = clock;
        c.initial = initial;
        c.updates = updates;
        c.tracking = tracking;
        return c;
    }

    /** The same policy on a rebuilt network, its clock back at 0. */
    GradualPruning restart() {
        return new GradualPruning(state, registry, spec, timing, trainer, pruner);
    }
}

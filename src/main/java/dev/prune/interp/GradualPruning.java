package dev.prune.interp;

import dev.prune.builtins.Registry;
import dev.prune.check.GradualSpec;
import dev.prune.check.PruneSpec;
import dev.prune.engine.GradientRequest;
import dev.prune.engine.LayerSpec;
import dev.prune.pruning.Amounts;
import dev.prune.pruning.Density;
import dev.prune.pruning.Erk;
import dev.prune.ast.Unit;
import dev.prune.builtins.Value;
import dev.prune.engine.NodeKind;
import dev.prune.pruning.Dynamic;
import dev.prune.pruning.Gradual;
import dev.prune.pruning.GrowAndPrune;
import dev.prune.pruning.MagnitudeMask;
import dev.prune.pruning.Platon;
import dev.prune.pruning.RigL;
import dev.prune.pruning.SupTickets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A prune policy at work inside training. Its clock counts the iterations trained since the
 * policy was set, across train statements and cycles; at each step point it either raises the
 * sparsity along Zhu and Gupta's cubic with the policy's criterion, or (RigL) drops and regrows
 * weights at the sparsity it started with, or (GaP) prunes the grown layer group back and grows
 * the next; Sup-tickets, RigL, also keeps the network at each cycle end and superposes them.
 */
final class GradualPruning {
    private final RunState state;
    private final Registry registry;
    private final PruneSpec spec;
    private final GradualSpec timing;
    private final Trainer trainer;
    private final Pruner pruner;
    private final RigL rigl;
    private final GrowAndPrune gap;
    private final SupTickets sup;
    /** GaP: each layer's partition, -1 for layers not selected. */
    private final int[] group;
    /** Sup-tickets: the clock readings at which its cycles end. */
    private final List<Long> cycleEnds;
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
        Dynamic dynamic = timing.dynamic() ? registry.create(spec.criterion(), Dynamic.class) : null;
        this.gap = dynamic instanceof GrowAndPrune g ? g : null;
        this.sup = dynamic instanceof SupTickets t ? t : null;
        this.rigl = dynamic instanceof RigL r ? r : sup != null ? sup.rigl() : null;
        this.every = trainer.iterations(timing.every());
        this.from = trainer.iterations(timing.from());
        this.until = trainer.iterations(timing.until());
        this.selected = new boolean[state.network.layers().size()];
        spec.layers().forEach(l -> selected[l] = true);
        this.group = new int[selected.length];
        java.util.Arrays.fill(group, -1);
        if (gap != null) {
            int[] parts = GrowAndPrune.partition(spec.layers().size(), gap.groups());
            int i = 0;
            for (int l : spec.layers()) {
                group[l] = parts[i++];
            }
        }
        this.cycleEnds = sup == null ? List.of() : SupTickets.cycleEnds(until, trainer.iterations(
                new Value.Num(sup.cycle(), sup.epochs() ? Unit.EPOCHS : Unit.ITERATIONS)), sup.cycles());
    }

    /**
     * What the policy does as it is set: PLATON's averages start from zero; RigL and Sup-tickets
     * start from random masks at the target sparsity, GaP from masks at the target and its first
     * group grown.
     */
    void start() {
        track();
        if (gap != null) {
            startGap();
            return;
        }
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
        boolean step = Gradual.isStep(clock, from, until, every);
        if (gap != null) {
            if (step || clock == from) {
                rotate();
            }
            return;
        }
        if (rigl != null) {
            if (step) {
                regrow();
            }
            if (sup != null) {
                superpose();
            }
            return;
        }
        if (!step) {
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

    /** GaP's start: every selected layer at its target, random or by magnitude; the first group grows at 'from'. */
    private void startGap() {
        List<LayerSpec> layers = state.network.layers();
        double[] sparsity = Erk.sparsities(layers, selected, spec.target(), gap.erk());
        SplittableRandom random = new SplittableRandom(state.seed * 1_000_003L + 7_573L);
        List<float[]> weights = gap.magnitude() ? state.engine.weights() : null;
        List<float[]> masks = new ArrayList<>(state.masks);
        for (int l = 0; l < layers.size(); l++) {
            if (!selected[l]) {
                continue;
            }
            int n = layers.get(l).weightCount();
            masks.set(l, gap.magnitude() ? MagnitudeMask.keep(weights.get(l), MagnitudeMask.kept(n, sparsity[l]))
                    : Erk.randomMask(n, sparsity[l], random));
        }
        apply(masks);
        if (from == 0) {
            rotate();
        }
    }

    /**
     * GaP's step: the group grown last is pruned back to its layers' targets by magnitude, and,
     * before 'until', the next group grows dense (its pruned weights come back at zero).
     */
    private void rotate() {
        List<LayerSpec> layers = state.network.layers();
        double[] sparsity = Erk.sparsities(layers, selected, spec.target(), gap.erk());
        List<float[]> masks = new ArrayList<>(state.masks);
        List<float[]> weights = updates > 0 ? state.engine.weights() : null;
        int grown = updates > 0 ? gap.grownAt(updates - 1) : -1;
        int next = clock < until ? gap.grownAt(updates) : -1;
        for (int l = 0; l < layers.size(); l++) {
            int n = layers.get(l).weightCount();
            if (group[l] >= 0 && group[l] == next) {
                masks.set(l, Density.ones(n));
            } else if (group[l] >= 0 && group[l] == grown) {
                masks.set(l, MagnitudeMask.keep(weights.get(l), MagnitudeMask.kept(n, sparsity[l])));
            }
        }
        if (next >= 0) {
            updates++;
        }
        apply(masks);
    }

    /**
     * Sup-tickets: keeps the network at each cycle end; at the last, 'until', sets it to their
     * average, keeps each layer's RigL weight count by magnitude, and recomputes batch norm statistics.
     */
    private void superpose() {
        int k = cycleEnds.indexOf(clock);
        if (k < 0) {
            return;
        }
        state.engine.checkpoint(cycleName(k));
        if (clock != until) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cycleEnds.size(); i++) {
            names.add(cycleName(i));
        }
        List<float[]> kept = state.masks;
        state.engine.average(names);
        List<float[]> averaged = state.engine.weights();
        List<float[]> masks = new ArrayList<>(kept);
        for (int l = 0; l < masks.size(); l++) {
            if (selected[l]) {
                masks.set(l, SupTickets.resparsify(averaged.get(l), (int) Density.kept(kept.get(l))));
            }
        }
        apply(masks);
        if (state.network.nodes().stream().anyMatch(n -> n.kind() == NodeKind.BATCH_NORM)) {
            state.engine.recomputeNormStatistics();
        }
    }

    /** The checkpoint of the k-th cycle end; a space keeps it apart from any name a recipe can write. */
    private static String cycleName(int k) {
        return "sup_tickets cycle " + (k + 1);
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

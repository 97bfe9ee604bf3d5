package dev.prune.interp;

import dev.prune.check.Step;
import dev.prune.engine.Engine;
import dev.prune.engine.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a sweep: each variant's steps from the same starting state — the interpreter's (policies,
 * masks, records, counters, so even the data order is the same) and the engine's (weights,
 * optimizer state, masks, checkpoints). Afterwards the run is back in that state, as if the sweep
 * were a side trip: what a variant set stays in the variant.
 *
 * <p>A variant that changes the model, data, optimizer or seed builds an engine of its own; that one
 * is closed when the variant ends, and the starting engine is kept for the next.
 *
 * <p>A sweep inside a variant runs from that variant's state, once per inner value: the variants
 * of the grid are named outer first ({@code a=1,b=init}), and the outermost sweep reports them all
 * side by side when it ends. Each variant's cycle records stay known after the sweep, for
 * {@code expect ... in VARIANT}.
 *
 * <p>Before each variant of the outermost sweep the run leaves a checkpoint (its state is then the
 * sweep's starting state), so a stopped run resumes at the start of the variant it was in, with
 * the finished variants' records. With more than one variant at once allowed, the outermost
 * sweep's variants train side by side ({@link VariantsAtOnce}) when nothing in them depends on the
 * order they run in.
 */
final class Sweeper {
    private final Interpreter owner;
    private final RunState state;
    private final RunListener listener;
    private final Consumer<Step> execute;

    Sweeper(Interpreter owner, RunState state, RunListener listener, Consumer<Step> execute) {
        this.owner = owner;
        this.state = state;
        this.listener = listener;
        this.execute = execute;
    }

    void run(Step.Sweep sweep) {
        run(sweep, 0, false);
    }

    /** Goes on with a sweep whose first {@code done} variants finished before the run stopped. */
    void resume(Step.Sweep sweep, int done) {
        if (done > sweep.variants().size()) {
            throw new RunFailure(sweep.span(), "the checkpoint says " + done + " variants of this sweep finished, but it "
                    + "has " + sweep.variants().size() + "; was the recipe changed?");
        }
        run(sweep, done, true);
    }

    private void run(Step.Sweep sweep, int from, boolean resumed) {
        String outer = state.variant;
        List<String> names = new ArrayList<>();
        for (Step.Variant variant : sweep.variants()) {
            names.add((outer.isEmpty() ? "" : outer + ",") + sweep.name() + "=" + variant.label());
        }
        boolean outermost = outer.isEmpty();
        if (outermost && owner.variantsAtOnce() > 1 && VariantsAtOnce.fits(state, sweep, from)) {
            new VariantsAtOnce(owner, listener).run(sweep, from, names, resumed);
        } else {
            inTurn(sweep, from, names, resumed);
        }
        if (outermost) {
            // The outermost sweep shows the whole grid: every variant, nested ones included, that has cycles.
            List<String> labels = new ArrayList<>();
            List<List<CycleRecord>> results = new ArrayList<>();
            state.variantRecords.forEach((name, records) -> {
                boolean mine = names.stream().anyMatch(n -> name.equals(n) || name.startsWith(n + ","));
                if (mine && (!records.isEmpty() || names.contains(name) && nothingNested(name))) {
                    labels.add(name);
                    results.add(records);
                }
            });
            listener.sweep(sweep.name(), labels, results, state.network);
        }
    }

    private void inTurn(Step.Sweep sweep, int from, List<String> names, boolean resumed) {
        Engine base = state.engine;
        Snapshot snapshot = base != null && !state.stale ? base.snapshot() : null;
        Engine outerKept = state.kept;
        state.kept = base;
        RunState start = state.copy();
        boolean outermost = state.variant.isEmpty();
        try {
            for (int i = from; i < sweep.variants().size(); i++) {
                if (i > from) {
                    back(start, snapshot);
                }
                if (outermost && !(resumed && i == from)) {
                    owner.variantStarts(i);
                }
                runVariant(state, listener, execute, sweep, i, names.get(i), base);
            }
        } finally {
            back(start, snapshot);
            state.kept = outerKept;
        }
    }

    /**
     * One variant's steps on {@code on}, from the state it is in; its cycle records are kept under
     * its full name. An engine the variant built for itself is closed when it ends.
     */
    static void runVariant(RunState on, RunListener events, Consumer<Step> execute, Step.Sweep sweep, int index,
                           String name, Engine base) {
        Step.Variant variant = sweep.variants().get(index);
        on.variant = name;
        on.variantRecords.put(name, List.of()); // before a nested sweep's, so the outer comes first
        events.variant(sweep.name(), variant.label(), name, index, sweep.variants().size());
        try {
            variant.steps().forEach(execute);
        } finally {
            if (on.engine != null && on.engine != base) {
                on.engine.close();
            }
        }
        on.variantRecords.put(name, on.records.stream().filter(r -> r.variant().equals(name)).toList());
    }

    /** True when no nested sweep ran inside this variant. */
    private boolean nothingNested(String name) {
        return state.variantRecords.keySet().stream().noneMatch(n -> n.startsWith(name + ","));
    }

    private void back(RunState start, Snapshot snapshot) {
        state.assign(start);
        if (snapshot != null) {
            state.engine.restore(snapshot);
        }
    }
}

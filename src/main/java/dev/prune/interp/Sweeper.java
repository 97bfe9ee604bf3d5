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
 */
final class Sweeper {
    private final RunState state;
    private final RunListener listener;
    private final Consumer<Step> execute;

    Sweeper(RunState state, RunListener listener, Consumer<Step> execute) {
        this.state = state;
        this.listener = listener;
        this.execute = execute;
    }

    void run(Step.Sweep sweep) {
        Engine base = state.engine;
        Snapshot snapshot = base != null && !state.stale ? base.snapshot() : null;
        Engine outerKept = state.kept;
        state.kept = base;
        RunState start = state.copy();
        String outer = state.variant;
        List<String> names = new ArrayList<>();
        int count = sweep.variants().size();
        try {
            for (int i = 0; i < count; i++) {
                Step.Variant variant = sweep.variants().get(i);
                if (i > 0) {
                    back(start, snapshot);
                }
                String name = (outer.isEmpty() ? "" : outer + ",") + sweep.name() + "=" + variant.label();
                state.variant = name;
                names.add(name);
                state.variantRecords.put(name, List.of()); // before a nested sweep's, so the outer comes first
                listener.variant(sweep.name(), variant.label(), name, i, count);
                try {
                    variant.steps().forEach(execute);
                } finally {
                    if (state.engine != null && state.engine != base) {
                        state.engine.close();
                    }
                }
                state.variantRecords.put(name, state.records.stream().filter(r -> r.variant().equals(name)).toList());
            }
        } finally {
            back(start, snapshot);
            state.kept = outerKept;
        }
        if (outer.isEmpty()) {
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

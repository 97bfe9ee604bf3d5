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
        state.kept = base;
        RunState start = state.copy();
        List<String> labels = new ArrayList<>();
        List<List<CycleRecord>> results = new ArrayList<>();
        int count = sweep.variants().size();
        try {
            for (int i = 0; i < count; i++) {
                Step.Variant variant = sweep.variants().get(i);
                if (i > 0) {
                    back(start, snapshot);
                }
                String name = sweep.name() + "=" + variant.label();
                state.variant = name;
                listener.variant(sweep.name(), variant.label(), i, count);
                try {
                    variant.steps().forEach(execute);
                } finally {
                    if (state.engine != null && state.engine != base) {
                        state.engine.close();
                    }
                }
                labels.add(variant.label());
                results.add(state.records.stream().filter(r -> r.variant().equals(name)).toList());
            }
        } finally {
            back(start, snapshot);
            state.kept = null;
        }
        listener.sweep(sweep.name(), labels, results, state.network);
    }

    private void back(RunState start, Snapshot snapshot) {
        state.assign(start);
        if (snapshot != null) {
            state.engine.restore(snapshot);
        }
    }
}

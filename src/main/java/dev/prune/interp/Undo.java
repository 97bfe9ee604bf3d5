package dev.prune.interp;

import dev.prune.engine.Snapshot;

/**
 * The run as it is before a cycle or a training phase, so that a stopped or failed one can be
 * taken back whole: the interpreter's state (masks, frozen layers, counters that decide data order
 * and pruning amounts, records) and the engine's whole training state, optimizer state included.
 * Training after the undo is the training that would have followed had the phase never started.
 */
final class Undo {
    private final RunState before;
    private final Snapshot engine;

    private Undo(RunState state) {
        before = state.copy();
        engine = state.engine.snapshot();
    }

    /** A snapshot when the run asked for undo, else null. */
    static Undo take(RunState state) {
        return state.undoOnCancel ? new Undo(state) : null;
    }

    void restore(RunState state) {
        state.assign(before);
        state.engine.restore(engine);
    }
}

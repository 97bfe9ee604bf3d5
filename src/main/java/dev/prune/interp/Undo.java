package dev.prune.interp;

import dev.prune.schedules.LrSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a cycle or a training phase changes, taken before it starts, so that a stopped or failed
 * one leaves the run as it was: weights and biases (through an engine checkpoint no recipe can name), masks,
 * frozen layers and the counters that decide data order and pruning amounts. The optimizer's
 * state (momentum) is the engine's and keeps the stopped phase's last updates.
 */
final class Undo {
    /** Not a name the grammar can write, so no recipe can rewind to it or overwrite it. */
    static final String CHECKPOINT = "<before the stopped step>";

    private final List<float[]> masks;
    private final TreeSet<Integer> frozen;
    private final int cycles;
    private final int pruneCycles;
    private final int phases;
    private final double epochs;
    private final double stepRate;
    private final double normDrop;
    private final int originalIterations;
    private final LrSchedule original;
    private final LayerChanges changes;

    private Undo(RunState state) {
        masks = new ArrayList<>(state.masks);
        frozen = new TreeSet<>(state.frozen);
        cycles = state.cycles;
        pruneCycles = state.pruneCycles;
        phases = state.phases;
        epochs = state.epochs;
        stepRate = state.stepRate;
        normDrop = state.normDrop;
        originalIterations = state.originalIterations;
        original = state.original;
        changes = new LayerChanges();
        changes.assign(state.changes);
        state.engine.checkpoint(CHECKPOINT);
    }

    /** A snapshot when the run asked for undo, else null. */
    static Undo take(RunState state) {
        return state.undoOnCancel ? new Undo(state) : null;
    }

    void restore(RunState state) {
        state.masks = masks;
        state.engine.applyMasks(masks);
        state.engine.rewind(CHECKPOINT);
        state.frozen.clear();
        state.frozen.addAll(frozen);
        state.engine.freeze(state.frozen);
        state.cycles = cycles;
        state.pruneCycles = pruneCycles;
        state.phases = phases;
        state.epochs = epochs;
        state.stepRate = stepRate;
        state.normDrop = normDrop;
        state.originalIterations = originalIterations;
        state.original = original;
        state.changes.assign(changes);
    }
}

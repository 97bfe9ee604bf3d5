package dev.prune.interp;

import dev.prune.builtins.DataSource;
import dev.prune.builtins.Value;
import dev.prune.check.Condition;
import dev.prune.check.LayerRule;
import dev.prune.check.PruneSpec;
import dev.prune.engine.Engine;
import dev.prune.engine.EvalResult;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.schedules.LrSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Everything a run has set up and measured so far; the REPL keeps one across statements. */
final class RunState {
    long seed;
    NetworkSpec network;
    /** The saved model to start from, or null for fresh weights. */
    java.nio.file.Path modelFile;
    DataSource data;
    OptimizerSpec optimizer = OptimizerSpec.sgd(0, 0);
    /** True when model, data or optimizer changed since the engine was built. */
    boolean stale = true;
    Engine engine;
    List<float[]> masks;

    Value.Ref lr;
    Value.Num retrain;
    Value.Ref retrainLr;
    PruneSpec prune;
    /** Cycles run under the current prune policy (for 'to X% over N cycles'). */
    int pruneCycles;
    String rewindTo;
    LayerRule freeze;
    final TreeSet<Integer> frozen = new TreeSet<>();
    Condition finetune;

    /** The dense training's schedule and length, for LR rewinding and compressed schedules. */
    LrSchedule original;
    int originalIterations;

    /** The last pruning step: its rate and the relative L2 norm it removed (ALLR reads both). */
    double stepRate;
    double normDrop;

    /** Take an {@link Undo} before each cycle and training, so a cancelled one can be taken back. */
    boolean undoOnCancel;
    int cycles;
    int phases;
    /** Iterations trained so far in the run, over all phases. */
    long iterations;
    /** Index of the step being executed, for checkpoints; and of the train step that set {@link #original}. */
    int step;
    int originalStep = -1;
    /** Evaluate test and validation after every epoch, for the epoch table (costs a pass over both). */
    boolean evaluateEpochs;
    double epochs;
    EvalResult last;
    double denseAccuracy = Double.NaN;
    final LayerChanges changes = new LayerChanges();
    final List<CycleRecord> records = new ArrayList<>();
    final Timing timing = new Timing();
    /** The sweep variant being run, "" outside sweeps. */
    String variant = "";
    /** The engine a sweep returns to; a variant that builds its own must not close this one. */
    Engine kept;

    /**
     * Everything a sweep variant may change, copied, to start the next variant from. Masks and
     * measurement arrays are replaced rather than changed in place, so copying the lists is enough.
     */
    RunState copy() {
        RunState c = new RunState();
        c.assign(this);
        return c;
    }

    /**
     * Takes the other's run state. Session settings ({@code undoOnCancel}, {@code evaluateEpochs})
     * and the executor's position ({@code step}) are not run state and stay as they are.
     */
    void assign(RunState o) {
        seed = o.seed;
        network = o.network;
        modelFile = o.modelFile;
        data = o.data;
        optimizer = o.optimizer;
        stale = o.stale;
        engine = o.engine;
        masks = o.masks == null ? null : new ArrayList<>(o.masks);
        lr = o.lr;
        retrain = o.retrain;
        retrainLr = o.retrainLr;
        prune = o.prune;
        pruneCycles = o.pruneCycles;
        rewindTo = o.rewindTo;
        freeze = o.freeze;
        frozen.clear();
        frozen.addAll(o.frozen);
        finetune = o.finetune;
        original = o.original;
        originalIterations = o.originalIterations;
        originalStep = o.originalStep;
        stepRate = o.stepRate;
        normDrop = o.normDrop;
        cycles = o.cycles;
        phases = o.phases;
        iterations = o.iterations;
        epochs = o.epochs;
        last = o.last;
        denseAccuracy = o.denseAccuracy;
        changes.assign(o.changes);
        records.clear();
        records.addAll(o.records);
        timing.assign(o.timing);
        variant = o.variant;
        kept = o.kept;
    }
}

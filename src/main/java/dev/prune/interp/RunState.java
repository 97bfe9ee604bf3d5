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
    double epochs;
    EvalResult last;
    double denseAccuracy = Double.NaN;
    final LayerChanges changes = new LayerChanges();
    final List<CycleRecord> records = new ArrayList<>();
}

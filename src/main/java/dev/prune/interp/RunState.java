package dev.prune.interp;

import dev.prune.builtins.DataSource;
import dev.prune.builtins.Value;
import dev.prune.check.Policy;
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
    /** True once {@code compact} replaced the network the model statement built by a smaller one. */
    boolean compacted;

    /** The policies in force: what the statements so far set for the cycles and trainings that follow. */
    Policy policy = Policy.NONE;
    /** The last early-bird mask distance (metric mask_distance); 1 before any. */
    double maskDistance = 1;
    /** The prune policy inside training, running, when the policy in force is one (its clock and masks). */
    GradualPruning gradual;
    /** Cycles run under the current prune policy (for 'to X% over N cycles'). */
    int pruneCycles;
    /** Points of training whose weights some rewind statement wants, taken as training passes them. */
    final List<Value.Num> wantedPoints = new ArrayList<>();
    /** The checkpoint names of the points taken so far. */
    final java.util.Set<String> takenPoints = new java.util.HashSet<>();
    final TreeSet<Integer> frozen = new TreeSet<>();

    /** The dense training's schedule and length, for LR rewinding and compressed schedules. */
    LrSchedule original;
    int originalIterations;

    /** The weights at the start of the last training phase (null before any), for change, movement and AP. */
    List<float[]> previous;

    /** The weights the network was built (or loaded) with: theta_0 of the learning distance. */
    List<float[]> initial;

    /** The last pruning step: its rate and the relative L2 norm it removed (ALLR reads both). */
    double stepRate;
    double normDrop;

    /** Iterations trained since the network was built: the clock 'rewind to iteration K' counts on. */
    long trainedIterations;
    /** Iterations trained before the first pruning: what Scratch-E trains for. */
    long preIterations;
    /** True once any pruning has happened on this network. */
    boolean pruned;
    /**
     * The weights are an initialisation that has not been trained since: just built, rewound or
     * reinitialised. ToST's re-scaled initialisation acts on those alone.
     */
    boolean initialWeights;
    int validationCount;
    int trainCount;

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
    /** The sweep variant being run, "" outside sweeps; nested ones are named outer first: "a=1,b=init". */
    String variant = "";
    /**
     * The cycle records of every sweep variant run so far, by full name, in the order the variants
     * started. Not run state: a sweep returns to its start but keeps what its variants measured.
     */
    final java.util.Map<String, List<CycleRecord>> variantRecords = new java.util.LinkedHashMap<>();
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
        compacted = o.compacted;
        policy = o.policy;
        maskDistance = o.maskDistance;
        gradual = o.gradual == null ? null : o.gradual.copy();
        initialWeights = o.initialWeights;
        pruneCycles = o.pruneCycles;
        wantedPoints.clear();
        wantedPoints.addAll(o.wantedPoints);
        takenPoints.clear();
        takenPoints.addAll(o.takenPoints);
        frozen.clear();
        frozen.addAll(o.frozen);
        original = o.original;
        originalIterations = o.originalIterations;
        originalStep = o.originalStep;
        stepRate = o.stepRate;
        normDrop = o.normDrop;
        trainedIterations = o.trainedIterations;
        preIterations = o.preIterations;
        pruned = o.pruned;
        validationCount = o.validationCount;
        trainCount = o.trainCount;
        previous = o.previous;
        initial = o.initial;
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

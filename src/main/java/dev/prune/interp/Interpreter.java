package dev.prune.interp;

import dev.prune.builtins.Registry;
import dev.prune.check.Scope;
import dev.prune.check.Step;
import dev.prune.data.DataException;
import dev.prune.data.DataSplit;
import dev.prune.engine.Engine;
import dev.prune.engine.EngineException;
import dev.prune.engine.CompactResult;
import dev.prune.engine.Cut;
import dev.prune.engine.EvalResult;
import dev.prune.engine.ModelFile;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Split;
import dev.prune.pruning.Compaction;
import dev.prune.pruning.Density;
import dev.prune.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Executes checked steps against an engine; see the package doc for what it decides. */
public final class Interpreter {
    /** How far compact's outputs may be from the masked network's: float rounding, nothing more. */
    static final double COMPACT_TOLERANCE = 1e-4;

    /** Command-line settings that win over the recipe. */
    public record Options(Long seed, int threads, Path outDir) {}

    private final RunState state = new RunState();
    private final Supplier<Engine> engines;
    private final Registry registry;
    private final Options options;
    private final RunListener listener;
    private final Trainer trainer;
    private final CycleRunner cycles;
    private final Execution execution = new Execution();
    private final Conditions conditions;
    private final List<String> failedExpectations = new ArrayList<>();
    private final BooleanSupplier cancelled;
    private Confinement confinement;
    private CheckpointSink checkpoints;
    /** How many variants of a sweep may train at once, each on an engine of its own; 1 runs them in turn. */
    private int variantsAtOnce = 1;

    public Interpreter(Supplier<Engine> engines, Registry registry, Options options, RunListener listener,
                       BooleanSupplier cancelled) {
        this.engines = engines;
        this.registry = registry;
        this.options = options;
        this.listener = listener;
        this.cancelled = cancelled;
        this.trainer = new Trainer(state, registry, listener, cancelled);
        trainer.sideBySide(new Trainer.CandidateEngines() {
            @Override
            public int atOnce() {
                return variantsAtOnce;
            }

            @Override
            public Engine engineLike(RunState from) {
                return Interpreter.this.engineLike(from);
            }
        });
        this.conditions = new Conditions(state, registry);
        this.cycles = new CycleRunner(state, registry, trainer, conditions, listener);
        state.seed = options.seed() == null ? 0 : options.seed();
    }

    /** Leaves a checkpoint after every cycle; none by default (the REPL and tests keep none). */
    /** Lets save and compact write into these trees too (the command line's --allow-write). */
    public void allowWrite(List<Path> trees) {
        confinement = new Confinement(options.outDir(), trees);
    }

    public void checkpointTo(CheckpointSink sink) {
        this.checkpoints = sink;
    }

    /**
     * Lets up to {@code n} variants of a sweep train at once, each on an engine of its own built
     * like the run's and loaded with its state; their events reach the listener variant by variant,
     * as if they had run in turn (see {@link VariantsAtOnce}). 1, the default, runs them in turn.
     */
    public void variantsAtOnce(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("variants at once must be at least 1, got " + n);
        }
        variantsAtOnce = n;
    }

    /** Evaluates test and validation accuracy after every epoch for the epoch table; off by default. */
    public void evaluateEachEpoch(boolean on) {
        state.evaluateEpochs = on;
    }

    /**
     * With undo on, a cycle or training that is stopped through {@code cancelled}, or fails, is
     * taken back: weights, masks, frozen layers and counters return to where they were before it,
     * so the REPL goes on from the last completed step after Ctrl-C or a diverging loss.
     */
    public void undoOnCancel(boolean on) {
        state.undoOnCancel = on;
    }

    /** Pruning cycles completed since the network was built. */
    public int cycles() {
        return state.cycles;
    }

    /** The network in use, or null before model and data are known. */
    public NetworkSpec network() {
        return state.network;
    }

    /** Pruned share of each layer's weights; empty before the engine is built. */
    public double[] layerSparsity() {
        if (state.masks == null || state.engine == null) {
            return new double[0];
        }
        double[] out = new double[state.masks.size()];
        for (int l = 0; l < out.length; l++) {
            out[l] = Density.sparsity(state.masks.get(l));
        }
        return out;
    }

    /** Indices of the frozen layers. */
    public Set<Integer> frozen() {
        return Set.copyOf(state.frozen);
    }

    /** Whether the engine has been built (the first action after model and data builds it). */
    public boolean started() {
        return state.engine != null;
    }

    public List<CycleRecord> records() {
        return List.copyOf(state.records);
    }

    public List<String> failedExpectations() {
        return List.copyOf(failedExpectations);
    }

    public long seed() {
        return state.seed;
    }

    /** The engine's own description, or "not started" when the recipe never needed it. */
    public String engineDescription() {
        return state.engine == null ? "not started" : state.engine.describe();
    }

    public void execute(List<Step> steps) {
        wantPoints(steps);
        executeFrom(steps, 0);
    }

    /**
     * A rewind to a point of training needs the weights the first training had there, so every
     * such point is known before anything trains.
     */
    private void wantPoints(List<Step> steps) {
        for (Step step : steps) {
            if (step instanceof Step.SetRewind r && r.point() != null && !state.wantedPoints.contains(r.point())) {
                state.wantedPoints.add(r.point());
            }
        }
    }

    private void executeFrom(List<Step> steps, int first) {
        for (int i = first; i < steps.size(); i++) {
            state.step = i;
            execute(steps.get(i));
        }
    }

    /**
     * Continues a run from a checkpoint: executes the statements before the checkpoint's position
     * again for their policies only (nothing is trained or recorded), builds the network, puts the
     * engine's and the interpreter's state back, finishes the interrupted {@code run} and goes on.
     */
    public void resume(List<Step> steps, Snapshot snapshot, Path engineState) {
        checkResumable(registry, steps, snapshot);
        Step at = steps.get(snapshot.step());
        wantPoints(steps);
        try {
            for (int i = 0; i < snapshot.step(); i++) {
                state.step = i;
                replayPolicy(steps.get(i), i == snapshot.originalStep());
            }
            state.step = snapshot.step();
            state.seed = snapshot.seed();
            Path modelFile = state.modelFile;
            if (snapshot.network() != null) {
                // A compact ran before the checkpoint: the engine state is the smaller network's.
                state.network = snapshot.network();
                state.modelFile = null;
            }
            DataSplit split;
            try {
                split = buildEngine(at.span());
            } finally {
                state.modelFile = modelFile;
            }
            listener.built(state.network, split, state.seed, state.engine.provenance());
            state.engine.restoreState(engineState);
            snapshot.applyTo(state);
            state.engine.applyMasks(state.masks);
            state.engine.freeze(state.frozen);
            failedExpectations.clear();
            failedExpectations.addAll(snapshot.failedExpectations());
            listener.resumed(snapshot, state.network, state.engine.describe());
            if (at instanceof Step.Sweep w) {
                // A checkpoint at a sweep is the start of its variant 'done', with the finished ones' records.
                sweeper().resume(w, snapshot.done());
            } else if (at instanceof Step.RunCycles r) {
                cycles.run(r.span(), r.cycles(), null, snapshot.done(), this::afterCycle);
            } else {
                Step.RunUntil r = (Step.RunUntil) at;
                cycles.run(r.span(), r.max(), r.until(), snapshot.done(), this::afterCycle);
            }
        } catch (EngineException e) {
            throw new RunFailure(at.span(), e.getMessage());
        }
        executeFrom(steps, snapshot.step() + 1);
    }

    /**
     * Refuses, before anything is restored or written, a resume this interpreter cannot do exactly:
     * a position the recipe does not have, a statement before it that cannot be executed again
     * (see {@link #replayPolicy}), or a position at a statement that runs no cycles.
     *
     * @throws RunFailure one sentence, at the statement when there is one
     */
    public static void checkResumable(Registry registry, List<Step> steps, Snapshot snapshot) {
        if (snapshot.step() >= steps.size()) {
            throw new RunFailure(Span.none(), "the checkpoint points at statement " + (snapshot.step() + 1)
                    + " of a recipe of " + steps.size() + "; was the recipe changed?");
        }
        Step.SetPenalty penalty = null;
        for (Step step : steps.subList(0, snapshot.step())) {
            // A policy inside training (PLATON's averages included) is resumed from the checkpoint.
            if (!(step instanceof Step.SetGradual) && !POLICIES.contains(step.getClass())
                    && !ACTIONS.contains(step.getClass())) {
                throw new RunFailure(step.span(), "cannot resume a run past this statement yet; run the recipe again");
            }
            if (step instanceof Step.SetPenalty p) {
                penalty = p.penalty() == null ? null : p;
            }
        }
        // SCL's mask variables start anew with each training from the masks in force, which the
        // checkpoint holds; the spectral penalty's eigenvector and example window carry over from
        // one training to the next and are not in it, so the run after a resume would differ.
        if (penalty != null && registry.create(penalty.penalty(), dev.prune.engine.Penalty.class).spectral() != null) {
            throw new RunFailure(penalty.span(), "a run with the spectral penalty in force cannot be resumed: its "
                    + "eigenvector estimate is not in the checkpoint; run the recipe again");
        }
        Step at = steps.get(snapshot.step());
        if (!(at instanceof Step.Sweep || at instanceof Step.RunCycles || at instanceof Step.RunUntil)) {
            throw new RunFailure(at.span(), "the checkpoint points at a statement that runs no cycles; "
                    + "was the recipe changed?");
        }
    }

    /** Statements whose effect is state a checkpoint does not hold: executed again on resume. */
    private static final Set<Class<? extends Step>> POLICIES = Set.of(Step.UseSeed.class, Step.UseModel.class,
            Step.UseData.class, Step.UseOptimizer.class, Step.SetRetrain.class, Step.SetLr.class,
            Step.SetPrune.class, Step.SetRewind.class, Step.SetFreeze.class, Step.Unfreeze.class,
            Step.SetFinetune.class, Step.SetPenalty.class);
    /** Statements whose effect is in the checkpoint (weights, counters, records): skipped on resume. */
    private static final Set<Class<? extends Step>> ACTIONS = Set.of(Step.Train.class, Step.PruneNow.class,
            Step.TakeCheckpoint.class, Step.RunCycles.class, Step.RunUntil.class, Step.Evaluate.class,
            Step.Report.class, Step.Save.class, Step.Expect.class, Step.Scratch.class,
            Step.Compact.class, Step.Sweep.class);

    /**
     * A statement before a checkpoint, again: settings and policies take effect, actions do not.
     * {@link #checkResumable} has refused the statements that cannot be executed again.
     */
    private void replayPolicy(Step step, boolean setsOriginalSchedule) {
        if (step instanceof Step.SetGradual g) {
            // The policy without its start: RigL's masks, PLATON's averages and the policy's clock
            // are in the checkpoint.
            state.gradual = new GradualPruning(state, registry, g.prune(), g.timing(), trainer, cycles::pruneAt);
        } else if (POLICIES.contains(step.getClass())) {
            step.accept(execution);
        } else if (step instanceof Step.Train t && setsOriginalSchedule) {
            state.original = registry.create(t.lr() != null ? t.lr() : state.policy.lr(),
                    dev.prune.schedules.LrSchedule.class);
        }
        state.policy = state.policy.after(step);
    }

    /**
     * After a cycle outside sweeps. Inside a sweep the checkpoint stays at the start of the
     * variant being run ({@link #variantStarts}): a checkpoint here would point at the sweep's step
     * with the state of one variant, which the other variants do not start from.
     */
    private void afterCycle(int done) {
        if (checkpoints != null && state.variant.isEmpty()) {
            checkpoints.save(Snapshot.of(state, state.step, done, failedExpectations), state.engine);
        }
    }

    /**
     * The outermost sweep is about to run its variant {@code index} from its starting state, which
     * is the run's state now: the checkpoint a resumed run goes on from (the step is the sweep's,
     * {@code done} the variants finished). Without a built engine (a sweep whose variants each build
     * their own) there is no state to keep, and the last checkpoint stays the one before the sweep.
     */
    void variantStarts(int index) {
        if (checkpoints != null && state.variant.isEmpty() && state.engine != null && !state.stale) {
            checkpoints.save(Snapshot.of(state, state.step, index, failedExpectations), state.engine);
        }
    }

    private Sweeper sweeper() {
        return new Sweeper(this, state, listener, this::execute);
    }

    int variantsAtOnce() {
        return variantsAtOnce;
    }

    /**
     * An interpreter for one variant run at the same time as others: same engines, registry and
     * options, its events to {@code events}, stopped when {@code stop} says so or this one is.
     */
    Interpreter forVariant(RunListener events, BooleanSupplier stop) {
        Interpreter child = new Interpreter(engines, registry, options, events,
                () -> stop.getAsBoolean() || cancelled.getAsBoolean());
        child.confinement = confinement;
        child.state.evaluateEpochs = state.evaluateEpochs;
        return child;
    }

    /** What the variant run by {@link #forVariant} adds to the run: its claims that did not hold. */
    void addFailedExpectations(List<String> failed) {
        failedExpectations.addAll(failed);
    }

    RunState state() {
        return state;
    }

    /** An engine for the network, data, optimizer and seed of {@code from}, built as the run's was (same thread count). */
    Engine engineLike(RunState from) {
        DataSplit split;
        try {
            split = from.data.load(from.seed);
        } catch (DataException e) {
            throw new EngineException(e.getMessage());
        }
        Engine engine = engines.get();
        engine.build(from.network, from.optimizer, split, from.data.batch(), from.seed, options.threads());
        return engine;
    }

    public void execute(Step step) {
        try {
            step.accept(execution);
        } catch (EngineException e) {
            throw new RunFailure(step.span(), e.getMessage());
        }
        state.policy = state.policy.after(step);
    }

    /**
     * What each kind of step does to the run: one method per kind, so a new kind of step that the
     * interpreter does not handle fails to compile. The policies a step sets are {@link
     * dev.prune.check.Policy}'s to fold, once the step has run.
     */
    private final class Execution implements Step.ActionVisitor<Void> {
        @Override
        public Void policy(Step s) {
            return null;
        }

        @Override
        public Void visit(Step.UseSeed s) {
            if (options.seed() == null) {
                state.seed = s.seed();
                state.stale = true;
            } else if (!state.variant.isEmpty() && s.seed() != options.seed()) {
                // A sweep over seeds under --seed (a study passes one): its variants would differ in name only.
                listener.message("note: --seed " + options.seed() + " wins over 'seed " + s.seed() + "' in sweep variant "
                        + state.variant + ", so this variant runs with seed " + options.seed());
            }
            return null;
        }

        @Override
        public Void visit(Step.UseModel m) {
            state.network = m.network();
            state.modelFile = m.file();
            state.stale = true;
            return null;
        }

        @Override
        public Void visit(Step.UseData d) {
            state.data = d.data();
            if (d.network() != null) {
                state.network = d.network().network();
                state.modelFile = d.network().file();
            }
            state.stale = true;
            return null;
        }

        @Override
        public Void visit(Step.UseOptimizer o) {
            state.optimizer = o.optimizer();
            state.stale = true;
            return null;
        }

        @Override
        public Void visit(Step.Train t) {
            ensureEngine(t.span());
            Undo undo = Undo.take(state);
            try {
                trainer.train(t.span(), "train", t.duration(), t.lr() != null ? t.lr() : state.policy.lr(), t.stop(),
                        state.cycles, 0);
            } catch (RunFailure | EngineException stopped) {
                if (undo != null) {
                    undo.restore(state);
                }
                throw stopped;
            }
            if (!state.changes.hasOriginal() || state.cycles == 0) {
                state.changes.original(state.engine.weights());
            }
            return null;
        }

        @Override
        public Void visit(Step.PruneNow p) {
            ensureEngine(p.span());
            cycles.prune(p.prune(), false);
            return null;
        }

        @Override
        public Void visit(Step.SetPrune p) {
            state.gradual = null;
            state.pruneCycles = 0;
            return null;
        }

        @Override
        public Void visit(Step.SetGradual g) {
            ensureEngine(g.span());
            state.gradual = new GradualPruning(state, registry, g.prune(), g.timing(), trainer, cycles::pruneAt);
            state.gradual.start();
            return null;
        }

        @Override
        public Void visit(Step.Scratch x) {
            ensureEngine(x.span());
            cycles.scratch(x.span(), x);
            return null;
        }

        @Override
        public Void visit(Step.SetRewind r) {
            if (r.point() != null && !state.wantedPoints.contains(r.point())) {
                state.wantedPoints.add(r.point());
            }
            return null;
        }

        @Override
        public Void visit(Step.TakeCheckpoint c) {
            ensureEngine(c.span());
            state.engine.checkpoint(c.name());
            return null;
        }

        @Override
        public Void visit(Step.Unfreeze u) {
            unfreeze(u);
            return null;
        }

        @Override
        public Void visit(Step.RunCycles r) {
            ensureEngine(r.span());
            cycles.run(r.span(), r.cycles(), null, 0, Interpreter.this::afterCycle);
            return null;
        }

        @Override
        public Void visit(Step.RunUntil r) {
            ensureEngine(r.span());
            cycles.run(r.span(), r.max(), r.until(), 0, Interpreter.this::afterCycle);
            return null;
        }

        @Override
        public Void visit(Step.Evaluate e) {
            ensureEngine(e.span());
            EvalResult result = state.engine.evaluate(Split.TEST);
            state.last = result;
            listener.evaluated(result, Density.sparsity(state.masks));
            return null;
        }

        @Override
        public Void visit(Step.Report step) {
            listener.report(records(), state.network);
            return null;
        }

        @Override
        public Void visit(Step.Save s) {
            ensureEngine(s.span());
            Path file = confinement().target(s.span(), options.outDir(), s.path());
            state.engine.save(file);
            try {
                ModelFile.writeSpec(file, state.network);
            } catch (java.io.IOException e) {
                throw new RunFailure(s.span(), "could not write the network description into " + file + ": "
                        + e.getMessage());
            }
            listener.saved(file);
            return null;
        }

        @Override
        public Void visit(Step.Compact c) {
            ensureEngine(c.span());
            compact(c);
            return null;
        }

        @Override
        public Void visit(Step.Expect e) {
            expect(e);
            return null;
        }

        @Override
        public Void visit(Step.Sweep w) {
            sweeper().run(w);
            return null;
        }
    }

    private Confinement confinement() {
        if (confinement == null) {
            confinement = new Confinement(options.outDir(), List.of());
        }
        return confinement;
    }

    /**
     * The core decides which channels stay and slices the masks and the per-layer arrays it keeps;
     * the engine slices every parameter and the optimizer state, checks, times and swaps. From
     * here on the run describes, trains and prunes the smaller network.
     */
    private void compact(Step.Compact c) {
        Cut cut = Compaction.cut(state.network, state.masks);
        List<float[]> masks = Compaction.slice(cut, state.masks);
        Path file = c.path() == null ? null : confinement().target(c.span(), options.outDir(), c.path());
        CompactResult result = state.engine.compact(cut, masks, file);
        state.network = cut.after();
        state.compacted = true;
        state.masks = new ArrayList<>(masks);
        state.previous = Compaction.slice(cut, state.previous);
        state.initial = Compaction.slice(cut, state.initial);
        if (file != null) {
            try {
                // So that 'model "small.zip"' loads the smaller network with its own layer sizes.
                ModelFile.writeSpec(file, cut.after());
            } catch (java.io.IOException e) {
                throw new RunFailure(c.span(), "could not write the network description into " + file + ": "
                        + e.getMessage());
            }
        }
        listener.compacted(cut.before(), cut.after(), result, file);
        if (result.maxDifference() > COMPACT_TOLERANCE) {
            listener.message(String.format(Locale.ROOT, "warning: the compact network's outputs differ from the "
                    + "masked network's by up to %.3g (more than %.0e)", result.maxDifference(), COMPACT_TOLERANCE));
        }
    }

    private void unfreeze(Step.Unfreeze u) {
        if (u.rule() == null) {
            state.frozen.clear();
        } else {
            state.frozen.removeAll(u.rule().fixed());
        }
        if (state.engine != null) {
            state.engine.freeze(state.frozen);
        }
    }

    private void expect(Step.Expect e) {
        List<CycleRecord> records = e.variant().isEmpty() ? state.records
                : state.variantRecords.getOrDefault(e.variant(), List.of());
        CycleRecord chosen = records.isEmpty() ? null : records.get(records.size() - 1);
        if (e.at() != null) {
            chosen = null;
            for (CycleRecord r : records) {
                if (conditions.holds(e.at(), Scope.Metrics.RUN, conditions.metrics(r))) {
                    chosen = r;
                    break;
                }
            }
        }
        String claim = e.claim().text() + (e.at() == null ? "" : " at " + e.at().text())
                + (e.variant().isEmpty() ? "" : " in " + e.variant());
        if (chosen == null) {
            failedExpectations.add(claim);
            listener.expectation(claim, false, e.at() == null ? "no cycle has run" : "no cycle where " + e.at().text());
            return;
        }
        boolean held = conditions.holds(e.claim(), Scope.Metrics.RUN, conditions.metrics(chosen));
        if (!held) {
            failedExpectations.add(claim);
        }
        listener.expectation(claim, held, String.format("cycle %d: accuracy %.2f%%, sparsity %.2f%%",
                chosen.cycle(), 100 * chosen.accuracy(), 100 * chosen.sparsity()));
    }

    /** Builds the network on first use, and again after model, data, optimizer or seed change. */
    private void ensureEngine(Span span) {
        if (!state.stale && state.engine != null) {
            return;
        }
        DataSplit split = buildEngine(span);
        listener.network(state.network, state.engine.describe());
        listener.built(state.network, split, state.seed, state.engine.provenance());
    }

    private DataSplit buildEngine(Span span) {
        if (state.network == null || state.data == null) {
            throw new RunFailure(span, "no model and data to run on");
        }
        DataSplit split;
        try {
            split = state.data.load(state.seed);
        } catch (DataException e) {
            throw new RunFailure(span, e.getMessage());
        }
        if (state.engine != null && state.engine != state.kept) {
            state.engine.close();
        }
        state.engine = engines.get();
        state.engine.build(state.network, state.optimizer, split, state.data.batch(), state.seed, options.threads());
        state.masks = new ArrayList<>();
        state.network.layers().forEach(l -> state.masks.add(Density.ones(l.weightCount())));
        // A saved model's weights may be trained ones: only a fresh build is an initialisation.
        state.initialWeights = state.modelFile == null;
        if (state.modelFile != null) {
            List<float[]> loaded = state.engine.load(state.modelFile);
            if (!loaded.isEmpty()) {
                state.masks = new ArrayList<>(loaded);
            }
        }
        state.initial = state.engine.weights();
        state.compacted = false;
        state.frozen.clear();
        state.records.clear();
        state.cycles = 0;
        state.trainedIterations = 0;
        state.preIterations = 0;
        // A model loaded with masks was pruned before: its later training is not the dense one.
        state.pruned = Density.sparsity(state.masks) > 0;
        state.takenPoints.clear();
        state.validationCount = split.validation().count();
        state.trainCount = split.train().count();
        state.stale = false;
        if (state.gradual != null) {
            state.gradual = state.gradual.restart();
            state.gradual.start();
        }
        return split;
    }

    /** Releases the engine's native memory. */
    public void close() {
        if (state.engine != null) {
            state.engine.close();
            state.engine = null;
        }
    }
}

package dev.prune.check;

import dev.prune.ast.Expr;
import dev.prune.ast.Printer;
import dev.prune.ast.Statement;
import dev.prune.ast.Unit;
import dev.prune.builtins.DataSource;
import dev.prune.builtins.Kind;
import dev.prune.builtins.ModelFactory;
import dev.prune.builtins.Registry;
import dev.prune.builtins.Spelling;
import dev.prune.builtins.Value;
import dev.prune.engine.NetworkSpec;
import dev.prune.source.Diagnostics;
import dev.prune.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks statements in order, as the interpreter will, and checks each against what is known at
 * that point: names, types, units, ranges, layers, and the pieces an action needs. It keeps its
 * state between calls, so the REPL checks one statement at a time in the session's context.
 */
public final class Checker {
    private final Registry registry;
    private final Diagnostics diagnostics;
    private final Evaluator evaluator;
    private final Selection selection;
    private final Policies policies;
    private final SweepChecks sweeps;
    private final SetupChecks setup;
    private final GradualChecks gradual;
    private final Checking checking = new Checking();
    State state = new State();
    /** True while a sweep's block is checked: params are declared outside sweeps. */
    boolean inSweep;
    /** The name of the last sweep when nothing has trained or pruned since it; else null. */
    private String lastSweep;

    /** What the statements so far have established. */
    static final class State {
        final Map<String, Value> constants = new LinkedHashMap<>();
        final Map<String, Value> params = new LinkedHashMap<>();
        final Map<String, Value> overrides = new LinkedHashMap<>();
        final List<String> checkpoints = new ArrayList<>(List.of("init"));
        /**
         * What a dropped or rejected statement may have set: statement words ("model", "prune",
         * "lr"), names of let and param, or "*" for anything. Their absence is not reported again.
         */
        final java.util.Set<String> doubtful = new java.util.HashSet<>();
        ModelFactory model;
        String modelText;
        java.nio.file.Path modelFile;
        Span modelSpan;
        DataSource data;
        NetworkSpec network;
        /** The policies in force, folded over the steps checked so far as the interpreter folds them. */
        Policy policy = Policy.NONE;
        /** Where the lr policy and the retrain policy's own lr were written, for the oracle's needs. */
        Span lrSpan;
        Span retrainLrSpan;
        /** Where the prune policy in force was written (what an S-shaped schedule follows). */
        Span pruneSpan;
        /** Where the prune policy in force was written, while no run has used it yet (else null). */
        Span unusedPrunePolicy;
        /** Where the penalty in force was written, while no training has used it yet (else null). */
        Span unusedPenalty;
        boolean trained;
        /** Most iterations the trainings so far can have run on this network (NaN when unknown). */
        double trainedAtMost;
        /** The prune policy inside training in force and its clock so far, or null. */
        GradualEnd gradualEnd;
        /** Where the rewind policy's point of training was written, while it is not yet reported (else null). */
        Span rewindSpan;
        /** A structured criterion has pruned or will prune (compact has something to leave out). */
        boolean structured;
        /** The name of the prune policy's criterion when it needs the weights from before a training, else null. */
        String historyCriterion;
        /** Save paths outside the run directory that the command line allows; none by default. */
        java.util.function.Predicate<String> writableOutside = path -> false;

        /** An independent copy, so a sweep's block can be checked once per value from the same state. */
        State copy() {
            State c = new State();
            c.constants.putAll(constants);
            c.params.putAll(params);
            c.overrides.putAll(overrides);
            c.checkpoints.clear();
            c.checkpoints.addAll(checkpoints);
            c.doubtful.addAll(doubtful);
            c.model = model;
            c.modelText = modelText;
            c.modelFile = modelFile;
            c.modelSpan = modelSpan;
            c.writableOutside = writableOutside;
            c.data = data;
            c.network = network;
            c.policy = policy;
            c.lrSpan = lrSpan;
            c.retrainLrSpan = retrainLrSpan;
            c.pruneSpan = pruneSpan;
            c.unusedPrunePolicy = unusedPrunePolicy;
            c.unusedPenalty = unusedPenalty;
            c.trained = trained;
            c.trainedAtMost = trainedAtMost;
            c.gradualEnd = gradualEnd;
            c.rewindSpan = rewindSpan;
            c.structured = structured;
            c.historyCriterion = historyCriterion;
            return c;
        }
    }

    public Checker(Registry registry, Diagnostics diagnostics) {
        this.registry = registry;
        this.diagnostics = diagnostics;
        this.evaluator = new Evaluator(registry, diagnostics);
        this.selection = new Selection(evaluator, diagnostics);
        this.gradual = new GradualChecks(this, evaluator, diagnostics);
        this.policies = new Policies(this, evaluator, selection, diagnostics);
        this.sweeps = new SweepChecks(this, evaluator, diagnostics);
        this.setup = new SetupChecks(this, evaluator, diagnostics);
        evaluator.doubtful(name -> state.doubtful.contains(name));
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /**
     * Checks the file of this name as a module on its own ({@code prune check stdlib/lth.prune}): what its
     * {@code requires} statements ask for and nothing before them set, stand-ins provide.
     */
    public void alone(String file) {
        setup.alone(file);
    }

    /** The stand-in statements a module checked on its own was checked after, in order; empty for a recipe. */
    public List<String> standIns() {
        return setup.standIns();
    }


    /** A command-line value for a param, applied when the recipe declares it. */
    public void override(String name, Value value) {
        state.overrides.put(name, value);
    }

    /** Names given with --set that no param statement declared. */
    public List<String> unusedOverrides() {
        return state.overrides.keySet().stream().filter(n -> !state.params.containsKey(n)).toList();
    }

    /**
     * Lets {@code save} write to paths outside the run directory that pass {@code allowed} (the
     * path as written in the recipe); {@code prune run --allow-write} sets it.
     */
    public void allowWrite(java.util.function.Predicate<String> allowed) {
        state.writableOutside = allowed;
    }

    /**
     * How to change a builtin's argument written as a param's name, as in a stdlib module, whose
     * line the recipe cannot edit (and whose param it cannot define again): " (--set NAME=VALUE)"
     * with the value that would fit, else "".
     */
    String setHint(Expr call, String argument, Object fits) {
        if (call instanceof Expr.Call c) {
            for (Expr.Arg a : c.args()) {
                if (argument.equals(a.name()) && a.value() instanceof Expr.Name param
                        && state.params.containsKey(param.name())) {
                    return " (--set " + param.name() + "=" + fits + ")";
                }
            }
        }
        return "";
    }

    public Map<String, Value> params() {
        return Map.copyOf(state.params);
    }

    public Map<String, Value> constants() {
        return state.constants;
    }

    public NetworkSpec network() {
        return state.network;
    }

    public DataSource data() {
        return state.data;
    }

    /**
     * The recipe ends here: what is still in force is checked against the trainings it had. A
     * session never ends while statements may still come, so only a whole recipe calls this; a
     * module checked on its own sets policies for the trainings of the recipe that imports it.
     */
    public void finish() {
        if (!setup.aloneModule()) {
            gradual.ended();
        }
    }

    GradualChecks gradual() {
        return gradual;
    }

    public List<Step> check(List<Statement> statements) {
        List<Step> steps = new ArrayList<>();
        for (Statement s : statements) {
            Step step = check(s);
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }

    /** The step for one statement, or null when it has errors (reported) or does nothing at run time. */
    public Step check(Statement s) {
        if (s instanceof Statement.Dropped d) {
            if (d.word().equals("sweep")) {
                sweeps.lost();
            }
            doubt(d.word(), d.name());
            return null;
        }
        int before = diagnostics.errorCount();
        Step step = checkOne(s);
        if (step != null) {
            // The policies the next statements are checked under are those the run will have.
            state.policy = state.policy.after(step);
        }
        boolean defines = s instanceof Statement.Let || s instanceof Statement.Param;
        if (diagnostics.errorCount() > before || step == null && !defines) {
            doubt(s.keyword(), s instanceof Statement.Let l ? l.name() : s instanceof Statement.Param p ? p.name() : null);
        }
        return step;
    }

    /**
     * Marks what a statement that did not check may have established: what follows from its
     * absence is a consequence of an error already reported, not a new one.
     */
    private void doubt(String word, String name) {
        String meant = word;
        if (word.equals("import")) {
            meant = "*"; // an import that could not be read may have set anything
        } else if (!STATEMENT_WORDS.contains(word)) {
            List<String> close = Spelling.closest(word, STATEMENT_WORDS);
            meant = close.size() == 1 ? close.get(0) : "*";
        }
        state.doubtful.add(meant);
        if (name != null) {
            state.doubtful.add(name);
        }
    }

    private static final List<String> STATEMENT_WORDS = List.of("import", "requires", "param", "let", "seed", "model", "data",
            "optimizer", "train", "retrain", "scratch", "prune", "lr", "penalty", "rewind", "checkpoint", "freeze",
            "unfreeze", "finetune", "run", "evaluate", "report", "save", "compact", "expect", "sweep");

    /** True when a dropped or rejected statement may have set what {@code word} stands for. */
    boolean doubtful(String word) {
        return state.doubtful.contains(word) || state.doubtful.contains("*");
    }

    private Step checkOne(Statement s) {
        if (!inSweep) {
            noteAfterSweep(s);
        }
        return s.accept(checking);
    }

    /**
     * What each kind of statement means to the checker: one method per kind, so a new kind of
     * statement that the checker does not handle fails to compile. The statements that set a
     * recipe up are {@link SetupChecks}'s; the training, pruning-cycle and reporting statements are
     * {@link Policies}'s; sweeps are {@link SweepChecks}'s.
     */
    private final class Checking implements Statement.Visitor<Step> {
        @Override
        public Step visit(Statement.Let s) {
            return setup.check(s);
        }

        @Override
        public Step visit(Statement.Param s) {
            return setup.check(s);
        }

        @Override
        public Step visit(Statement.Seed s) {
            return setup.check(s);
        }

        @Override
        public Step visit(Statement.Model s) {
            return setup.check(s);
        }

        @Override
        public Step visit(Statement.Data s) {
            return setup.check(s);
        }

        @Override
        public Step visit(Statement.Optimizer s) {
            return setup.check(s);
        }

        @Override
        public Step visit(Statement.Import s) {
            return setup.check(s);
        }

        @Override
        public Step visit(Statement.Requires s) {
            return setup.check(s);
        }

        @Override
        public Step visit(Statement.Sweep w) {
            Step sweep = sweeps.check(w);
            lastSweep = inSweep ? lastSweep : w.variable();
            return sweep;
        }

        @Override
        public Step visit(Statement.Variant s) {
            return setup.check(s);
        }

        @Override
        public Step visit(Statement.Dropped d) {
            return null; // check(Statement) takes it before dispatch: it only marks what it may have set
        }

        @Override
        public Step visit(Statement.Train s) {
            return policies.check(s);
        }

        @Override
        public Step visit(Statement.Retrain s) {
            return policies.check(s);
        }

        @Override
        public Step visit(Statement.Lr s) {
            return policies.check(s);
        }

        @Override
        public Step visit(Statement.Penalty s) {
            return policies.check(s);
        }

        @Override
        public Step visit(Statement.Prune s) {
            return policies.check(s);
        }

        @Override
        public Step visit(Statement.Rewind s) {
            return policies.check(s);
        }

        @Override
        public Step visit(Statement.Scratch s) {
            return policies.check(s);
        }

        @Override
        public Step visit(Statement.Checkpoint s) {
            return policies.check(s);
        }

        @Override
        public Step visit(Statement.Freeze s) {
            return policies.check(s);
        }

        @Override
        public Step visit(Statement.Unfreeze s) {
            return policies.check(s);
        }

        @Override
        public Step visit(Statement.Finetune s) {
            return policies.check(s);
        }

        @Override
        public Step visit(Statement.RunCycles s) {
            return policies.check(s);
        }

        @Override
        public Step visit(Statement.RunUntil s) {
            return policies.check(s);
        }

        @Override
        public Step visit(Statement.Evaluate s) {
            return policies.check(s);
        }

        @Override
        public Step visit(Statement.Report s) {
            return policies.check(s);
        }

        @Override
        public Step visit(Statement.Save s) {
            return policies.check(s);
        }

        @Override
        public Step visit(Statement.Compact s) {
            return policies.check(s);
        }

        @Override
        public Step visit(Statement.Expect s) {
            Step step = policies.check(s);
            if (s.variant().isEmpty()) {
                return step;
            }
            String variant = sweeps.variant(s);
            return step instanceof Step.Expect x && variant != null
                    ? new Step.Expect(x.span(), x.claim(), x.at(), variant) : null;
        }
    }

    /**
     * An {@code expect} right after a sweep judges the run as it was before the sweep, since no
     * variant carries over; said at check time, so it is no surprise when the run ends.
     */
    private void noteAfterSweep(Statement s) {
        if (s instanceof Statement.Expect e && e.variant().isEmpty() && lastSweep != null) {
            diagnostics.warning(s.span(), "this expect sees the run as it was before sweep " + lastSweep
                    + ": no variant carries over; to judge a variant, name it ('expect ... in " + lastSweep
                    + " = ...') or put the expect inside the sweep's block");
        } else if (s instanceof Statement.Train || s instanceof Statement.RunCycles || s instanceof Statement.RunUntil
                || s instanceof Statement.Scratch || s instanceof Statement.Compact || s instanceof Statement.Prune
                || s instanceof Statement.Model || s instanceof Statement.Data) {
            lastSweep = null;
        }
    }

    Scope scope() {
        return Scope.constants(state.constants);
    }

    /** Evaluates a builtin reference of the given kind; null after reporting. */
    Value.Ref ref(Expr e, Kind kind) {
        return ofKind(evaluator.eval(e, scope(), kind), e, kind);
    }

    Registry registry() {
        return registry;
    }

    /** The value as a builtin reference of the given kind; null after reporting. */
    Value.Ref ofKind(Value v, Expr e, Kind kind) {
        if (v == null) {
            return null;
        }
        if (v instanceof Value.Ref r && registry.find(r.name()).orElseThrow().kind() == kind) {
            return r;
        }
        String got = v instanceof Value.Ref r ? "'" + r.name() + "' is a "
                + registry.find(r.name()).orElseThrow().kind().words() : v.show() + " is not a builtin";
        List<String> names = registry.ofKind(kind).stream().map(b -> b.name()).toList();
        diagnostics.error(e.span(), "expected a " + kind.words() + ", but " + got + " (" + kind.plural() + ": "
                + String.join(", ", names) + ")");
        return null;
    }






    /** A new name may be neither defined already nor a builtin's; reports and gives false otherwise. */
    boolean definable(String name, Span span) {
        return setup.definable(name, span);
    }

    /** Reports that an action needs model and data, naming what is missing. */
    boolean needNetwork(Span span, String what) {
        if (state.network != null) {
            return true;
        }
        if (state.model == null && doubtful("model") || state.data == null && doubtful("data")) {
            return false;
        }
        if (state.model == null && state.data == null) {
            diagnostics.error(span, what + " needs a model and data; add 'model ...' and 'data ...' before it");
        } else if (state.model == null) {
            diagnostics.error(span, what + " needs a model; add 'model lenet_300_100' (or another) before it");
        } else if (state.data == null) {
            diagnostics.error(span, what + " needs data; add 'data shapes()' (or another) before it");
        }
        return false;
    }

    /** Iterations of a length, or NaN when it is in epochs and the data is not known yet. */
    double iterations(Value.Num n) {
        if (n.unit() != Unit.EPOCHS) {
            return n.value();
        }
        if (state.data == null) {
            return Double.NaN;
        }
        int batch = state.data.batch();
        return n.value() * Math.max(1, (state.data.trainCount() + batch - 1) / batch);
    }

    String checkpointHint(String name) {
        return Spelling.hint(name, state.checkpoints);
    }

    static String show(Expr e) {
        return Printer.expr(e);
    }
}

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
import dev.prune.engine.OptimizerSpec;
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
    private final Checking checking = new Checking();
    State state = new State();
    /** True while a sweep's block is checked: params are declared outside sweeps. */
    boolean inSweep;
    /** The name of the last sweep when nothing has trained or pruned since it; else null. */
    private String lastSweep;
    /** A module checked on its own: its {@code requires} brings stand-ins for what is missing. */
    private String alone;
    /** What stand-ins a module checked on its own was checked after ("model", "data", "train"). */
    private final List<String> stoodIn = new ArrayList<>();

    /**
     * What a module checked on its own stands on when it {@code requires} it: a model with conv and
     * dense layers, the built-in data with a validation split, a dense training (with the learning
     * rate it leaves in force). Checked like any statements, so the module meets a real network.
     */
    static final Map<String, String> STAND_INS = Map.of("model", "model lenet5", "data", "data shapes(val=500)",
            "lr", "lr 0.1", "train", "lr 0.1\ntrain 1 epoch");

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
        boolean trained;
        /** Most iterations the trainings so far can have run on this network (NaN when unknown). */
        double trainedAtMost;
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
            c.trained = trained;
            c.trainedAtMost = trainedAtMost;
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
        this.policies = new Policies(this, evaluator, selection, diagnostics);
        this.sweeps = new SweepChecks(this, evaluator, diagnostics);
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
        this.alone = file;
    }

    /** The stand-in statements a module checked on its own was checked after, in order; empty for a recipe. */
    public List<String> standIns() {
        return List.copyOf(stoodIn);
    }

    /**
     * A module's {@code requires}: in the module checked on its own, stand-ins for what is missing;
     * imported, the recipe must have set it. A missing model or data is an error (and not reported
     * again by the module's statements); a missing training, a warning: the module still runs.
     */
    private void requires(Statement.Requires r) {
        List<String> missing = new ArrayList<>();
        for (String need : r.needs()) {
            boolean met = switch (need) {
                case "model" -> state.model != null;
                case "data" -> state.data != null;
                case "lr" -> state.policy.lr() != null;
                default -> state.trained;
            };
            if (!met && !missing.contains(need)) {
                missing.add(need);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        if (r.span().file().name().equals(alone)) {
            for (String need : List.of("model", "data", "lr", "train")) {
                if (missing.contains(need)) {
                    dev.prune.source.SourceFile standIn = new dev.prune.source.SourceFile("<stand-in for "
                            + r.span().where() + ">", r.standIns().containsKey(need)
                            ? need + " " + r.standIns().get(need) : STAND_INS.get(need));
                    for (Statement s : dev.prune.parser.RecipeParser.parse(standIn).recipe().statements()) {
                        check(s);
                        stoodIn.add(Printer.statement(s));
                    }
                }
            }
            return;
        }
        String module = java.nio.file.Path.of(r.span().file().name()).getFileName().toString();
        for (String need : missing) {
            if (need.equals("train")) {
                diagnostics.warning(r.span(), module + " expects a dense training before it; add 'train ...' before "
                        + "importing it, or its first cycle prunes an untrained network");
            } else if (!doubtful(need)) {
                diagnostics.error(r.span(), module + " requires " + (need.equals("model") ? "a model"
                        : need.equals("lr") ? "a learning rate" : "data") + " before it; add '" + need
                        + " ...' before importing it");
                state.doubtful.add(need);
            }
        }
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
     * statement that the checker does not handle fails to compile. The training, pruning-cycle and
     * reporting statements are {@link Policies}'s.
     */
    private final class Checking implements Statement.Visitor<Step> {
        @Override
        public Step visit(Statement.Let l) {
            Span span = l.span();
            return define(l.name(), l.value(), span, false);
        }

        @Override
        public Step visit(Statement.Param p) {
            Span span = p.span();
            return define(p.name(), p.value(), span, true);
        }

        @Override
        public Step visit(Statement.Seed seed) {
            Span span = seed.span();
            Value v = evaluator.eval(seed.value(), scope(), null);
            if (v != null && (!(v instanceof Value.Num n) || n.unit() != Unit.NONE || n.value() < 0
                    || n.value() != Math.rint(n.value()) || n.value() > Limits.MAX_SEED)) {
                diagnostics.error(seed.value().span(), "seed takes a whole number from 0 to 2^53, got " + v.show());
                return null;
            }
            return v == null ? null : new Step.UseSeed(span, (long) ((Value.Num) v).value());
        }

        @Override
        public Step visit(Statement.Model m) {
            Span span = m.span();
            state.modelSpan = m.value().span();
            if (m.value() instanceof Expr.Str file) {
                return ModelFiles.use(Checker.this, file, span) ? network(span) : null;
            }
            Value.Ref ref = ref(m.value(), Kind.MODEL);
            if (ref == null) {
                return null;
            }
            state.model = registry.create(ref, ModelFactory.class);
            state.modelText = ref.show();
            state.modelFile = null;
            return network(span);
        }

        @Override
        public Step visit(Statement.Data d) {
            Span span = d.span();
            Value.Ref ref = ref(d.value(), Kind.DATASET);
            if (ref == null) {
                return null;
            }
            DataSource data;
            try {
                data = registry.create(ref, DataSource.class);
            } catch (IllegalArgumentException bad) {
                diagnostics.error(d.value().span(), bad.getMessage());
                return null;
            }
            if (data.trainCount() < 0) {
                diagnostics.error(d.value().span(), show(d.value()) + " holds out more validation examples than "
                        + "it has training examples: 'val' is taken from the training set ('limit', or the whole set)");
                return null;
            }
            state.data = data;
            state.data.problem().ifPresent(problem -> diagnostics.error(d.value().span(), problem));
            Step.UseModel network = network(span);
            return new Step.UseData(span, state.data, ref.show(), network);
        }

        @Override
        public Step visit(Statement.Optimizer o) {
            Span span = o.span();
            Value.Ref ref = ref(o.value(), Kind.OPTIMIZER);
            return ref == null ? null
                    : new Step.UseOptimizer(span, registry.create(ref, OptimizerSpec.class), ref.show());
        }

        @Override
        public Step visit(Statement.Import i) {
            Span span = i.span();
            diagnostics.error(span, "import \"" + i.path() + "\" was not resolved; imports are read when a file is loaded");
            return null;
        }

        @Override
        public Step visit(Statement.Requires r) {
            requires(r);
            return null;
        }

        @Override
        public Step visit(Statement.Sweep w) {
            Step sweep = sweeps.check(w);
            lastSweep = inSweep ? lastSweep : w.variable();
            return sweep;
        }

        @Override
        public Step visit(Statement.Variant v) {
            diagnostics.error(v.span(), "a named block '" + v.name() + " { ... }' is a variant of a sweep: put it "
                    + "directly in 'sweep NAME { " + v.name() + " { ... } ... }'");
            return null;
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

    private Step define(String name, Expr expr, Span span, boolean param) {
        if (param && inSweep) {
            diagnostics.error(span, "param '" + name + "' is declared inside a sweep; declare it before the sweep "
                    + "so that --set can reach it");
            return null;
        }
        if (!definable(name, span)) {
            return null;
        }
        Value v = evaluator.eval(expr, scope(), null);
        if (v == null) {
            return null;
        }
        if (param && state.overrides.containsKey(name)) {
            Value given = state.overrides.get(name);
            if (!sameKind(v, given)) {
                diagnostics.error(span, "--set " + name + "=" + given.show() + " does not fit param " + name
                        + ", which is " + v.show() + advice(name, given, v));
                state.overrides.remove(name); // reported here, not again as an unknown param
                state.params.put(name, v);
                return null;
            }
            v = given;
        }
        state.constants.put(name, v);
        if (param) {
            state.params.put(name, v);
        }
        return null;
    }

    /** A new name may be neither defined already nor a builtin's; reports and gives false otherwise. */
    boolean definable(String name, Span span) {
        if (state.constants.containsKey(name)) {
            diagnostics.error(span, "'" + name + "' is already defined; names are defined once");
            return false;
        }
        if (registry.find(name).isPresent()) {
            diagnostics.error(span, "'" + name + "' is the name of a builtin " + registry.find(name).get().kind().words()
                    + "; choose another name");
            return false;
        }
        return true;
    }

    /** "; write --set rate=50%" for a number given in the wrong unit, when one reading is likely. */
    static String advice(String name, Value given, Value declared) {
        if (!(given instanceof Value.Num g) || !(declared instanceof Value.Num d)) {
            return "";
        }
        String set = "; write --set " + name + "=";
        if (d.unit() == Unit.PERCENT && g.unit() == Unit.NONE) {
            if (g.value() > 0 && g.value() < 1) {
                return set + Printer.number(100 * g.value()) + "% (percentages take '%')";
            }
            return set + Printer.number(g.value()) + "% (percentages take '%')";
        }
        if (d.unit() == Unit.NONE && g.unit() == Unit.PERCENT) {
            return set + Printer.number(g.plain()) + " (a plain number)";
        }
        if (d.unit() != Unit.NONE && g.unit() == Unit.NONE) {
            return set + Printer.number(g.value()) + " " + d.unit().text() + " (with its unit)";
        }
        return "";
    }

    private static boolean sameKind(Value a, Value b) {
        if (a instanceof Value.Num x && b instanceof Value.Num y) {
            return x.unit() == y.unit();
        }
        return a.getClass() == b.getClass();
    }

    /** Builds the network once both model and data are known. */
    private Step.UseModel network(Span span) {
        if (state.model == null || state.data == null) {
            return null;
        }
        try {
            state.network = state.model.build(state.data.shape());
        } catch (IllegalArgumentException | dev.prune.engine.EngineException misfit) {
            // A model that does not fit the data, or a graph whose shapes do not work out on it.
            diagnostics.error(state.modelSpan, misfit.getMessage());
            state.network = null;
            return null;
        }
        return new Step.UseModel(span, state.network, state.modelText, state.modelFile);
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

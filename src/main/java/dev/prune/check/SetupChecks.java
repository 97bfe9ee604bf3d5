package dev.prune.check;

import dev.prune.ast.Expr;
import dev.prune.ast.Printer;
import dev.prune.ast.Statement;
import dev.prune.ast.Unit;
import dev.prune.builtins.DataSource;
import dev.prune.builtins.Kind;
import dev.prune.builtins.ModelFactory;
import dev.prune.builtins.Value;
import dev.prune.engine.OptimizerSpec;
import dev.prune.source.Diagnostics;
import dev.prune.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the statements that set a recipe up: names ({@code let}, {@code param} and their --set
 * values), seed, model, data, optimizer, and a module's {@code requires} with the stand-ins a
 * module checked on its own stands on.
 */
final class SetupChecks {
    /**
     * What a module checked on its own stands on when it {@code requires} it: a model with conv and
     * dense layers, the built-in data with a validation split, a dense training (with the learning
     * rate it leaves in force). Checked like any statements, so the module meets a real network.
     */
    static final Map<String, String> STAND_INS = Map.of("model", "model lenet5", "data", "data shapes(val=500)",
            "lr", "lr 0.1", "train", "lr 0.1\ntrain 1 epoch");

    private final Checker checker;
    private final Evaluator evaluator;
    private final Diagnostics diagnostics;
    /** A module checked on its own: its {@code requires} brings stand-ins for what is missing. */
    private String alone;
    /** The file checked on its own has a {@code requires}: it is a module. */
    private boolean aloneModule;
    /** What stand-ins a module checked on its own was checked after ("model", "data", "train"). */
    private final List<String> stoodIn = new ArrayList<>();

    SetupChecks(Checker checker, Evaluator evaluator, Diagnostics diagnostics) {
        this.checker = checker;
        this.evaluator = evaluator;
        this.diagnostics = diagnostics;
    }

    void alone(String file) {
        this.alone = file;
    }

    List<String> standIns() {
        return List.copyOf(stoodIn);
    }

    Step check(Statement.Let l) {
        Span span = l.span();
        return define(l.name(), l.value(), span, false);
    }

    Step check(Statement.Param p) {
        Span span = p.span();
        return define(p.name(), p.value(), span, true);
    }

    Step check(Statement.Seed seed) {
        Span span = seed.span();
        Value v = evaluator.eval(seed.value(), checker.scope(), null);
        if (v != null && (!(v instanceof Value.Num n) || n.unit() != Unit.NONE || n.value() < 0
                || n.value() != Math.rint(n.value()) || n.value() > Limits.MAX_SEED)) {
            diagnostics.error(seed.value().span(), "seed takes a whole number from 0 to 2^53, got " + v.show());
            return null;
        }
        return v == null ? null : new Step.UseSeed(span, (long) ((Value.Num) v).value());
    }

    Step check(Statement.Model m) {
        Span span = m.span();
        checker.state.modelSpan = m.value().span();
        if (m.value() instanceof Expr.Str file) {
            return ModelFiles.use(checker, file, span) ? network(span) : null;
        }
        Value.Ref ref = checker.ref(m.value(), Kind.MODEL);
        if (ref == null) {
            return null;
        }
        checker.state.model = checker.registry().create(ref, ModelFactory.class);
        checker.state.modelText = ref.show();
        checker.state.modelFile = null;
        return network(span);
    }

    Step check(Statement.Data d) {
        Span span = d.span();
        Value.Ref ref = checker.ref(d.value(), Kind.DATASET);
        if (ref == null) {
            return null;
        }
        DataSource data;
        try {
            data = checker.registry().create(ref, DataSource.class);
        } catch (IllegalArgumentException bad) {
            diagnostics.error(d.value().span(), bad.getMessage());
            return null;
        }
        if (data.trainCount() < 0) {
            diagnostics.error(d.value().span(), Checker.show(d.value()) + " holds out more validation examples than "
                    + "it has training examples: 'val' is taken from the training set ('limit', or the whole set)");
            return null;
        }
        checker.state.data = data;
        checker.state.data.problem().ifPresent(problem -> diagnostics.error(d.value().span(), problem));
        Step.UseModel network = network(span);
        return new Step.UseData(span, checker.state.data, ref.show(), network);
    }

    Step check(Statement.Optimizer o) {
        Span span = o.span();
        Value.Ref ref = checker.ref(o.value(), Kind.OPTIMIZER);
        return ref == null ? null
                : new Step.UseOptimizer(span, checker.registry().create(ref, OptimizerSpec.class), ref.show());
    }

    Step check(Statement.Import i) {
        Span span = i.span();
        diagnostics.error(span, "import \"" + i.path() + "\" was not resolved; imports are read when a file is loaded");
        return null;
    }

    Step check(Statement.Requires r) {
        aloneModule |= r.span().file().name().equals(alone);
        requires(r);
        return null;
    }

    /** True when the file checked on its own is a module: its policies are for the importer's trainings. */
    boolean aloneModule() {
        return aloneModule;
    }

    Step check(Statement.Variant v) {
        diagnostics.error(v.span(), "a named block '" + v.name() + " { ... }' is a variant of a sweep: put it "
                + "directly in 'sweep NAME { " + v.name() + " { ... } ... }'");
        return null;
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
                case "model" -> checker.state.model != null;
                case "data" -> checker.state.data != null;
                case "lr" -> checker.state.policy.lr() != null;
                default -> checker.state.trained;
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
                    String text = r.standIns().containsKey(need) ? need + " " + r.standIns().get(need)
                            : STAND_INS.get(need);
                    dev.prune.source.SourceFile standIn = new dev.prune.source.SourceFile("<stand-in for "
                            + r.span().where() + ">", text);
                    int mark = diagnostics.mark();
                    for (Statement s : dev.prune.parser.RecipeParser.parse(standIn).recipe().statements()) {
                        checker.check(s);
                        stoodIn.add(Printer.statement(s));
                    }
                    // The stand-in's text has no place in a file of its own: what is wrong with it is
                    // wrong with the requires line that names it, so it is reported there.
                    for (dev.prune.source.Diagnostic d : diagnostics.takeSince(mark)) {
                        diagnostics.add(new dev.prune.source.Diagnostic(d.severity(), r.span(),
                                "the stand-in '" + text + "' of this requires: " + d.message()));
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
            } else if (!checker.doubtful(need)) {
                diagnostics.error(r.span(), module + " requires " + (need.equals("model") ? "a model"
                        : need.equals("lr") ? "a learning rate" : "data") + " before it; add '" + need
                        + " ...' before importing it");
                checker.state.doubtful.add(need);
            }
        }
    }

    private Step define(String name, Expr expr, Span span, boolean param) {
        if (param && checker.inSweep) {
            diagnostics.error(span, "param '" + name + "' is declared inside a sweep; declare it before the sweep "
                    + "so that --set can reach it");
            return null;
        }
        if (!definable(name, span)) {
            return null;
        }
        Value v = evaluator.eval(expr, checker.scope(), null);
        if (v == null) {
            return null;
        }
        if (param && checker.state.overrides.containsKey(name)) {
            Value given = checker.state.overrides.get(name);
            if (!sameKind(v, given)) {
                diagnostics.error(span, "--set " + name + "=" + given.show() + " does not fit param " + name
                        + ", which is " + v.show() + advice(name, given, v));
                checker.state.overrides.remove(name); // reported here, not again as an unknown param
                checker.state.params.put(name, v);
                return null;
            }
            v = given;
        }
        checker.state.constants.put(name, v);
        if (param) {
            checker.state.params.put(name, v);
        }
        return null;
    }

    /** A new name may be neither defined already nor a builtin's; reports and gives false otherwise. */
    boolean definable(String name, Span span) {
        if (checker.state.constants.containsKey(name)) {
            diagnostics.error(span, "'" + name + "' is already defined; names are defined once");
            return false;
        }
        var builtin = checker.registry().find(name);
        if (builtin.isPresent()) {
            diagnostics.error(span, "'" + name + "' is the name of a builtin " + builtin.get().kind().words()
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
        if (checker.state.model == null || checker.state.data == null) {
            return null;
        }
        try {
            checker.state.network = checker.state.model.build(checker.state.data.shape());
        } catch (IllegalArgumentException | dev.prune.engine.EngineException misfit) {
            // A model that does not fit the data, or a graph whose shapes do not work out on it.
            diagnostics.error(checker.state.modelSpan, misfit.getMessage());
            checker.state.network = null;
            return null;
        }
        return new Step.UseModel(span, checker.state.network, checker.state.modelText, checker.state.modelFile);
    }
}

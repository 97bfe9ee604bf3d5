package dev.prune.check;

import dev.prune.ast.Expr;
import dev.prune.ast.Printer;
import dev.prune.ast.Statement;
import dev.prune.builtins.Value;
import dev.prune.source.Diagnostics;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks {@code sweep NAME in [...] { ... }} and {@code sweep NAME { a { ... } b { ... } }}. The body
 * is checked once per variant, each time from the state before the sweep with NAME bound to the
 * value (or to the block's name, as a string), because what a variant means can depend on it (a rate
 * out of range, a schedule that needs a dense run, a rewind whose checkpoint only one variant takes).
 * A named block is checked only in its own variant: the others never see its statements. Nothing the
 * body sets is in force after it: the interpreter likewise returns to the starting state once the
 * variants have run. A mistake that does not depend on the variant is reported once, since
 * diagnostics are kept once per place and message.
 *
 * <p>A sweep inside a sweep's body runs inside each outer variant, so nested sweeps make a grid: its
 * variants are named {@code a=1,b=init}, outer first, as the records write them.
 */
final class SweepChecks {
    private final Checker checker;
    private final Evaluator evaluator;
    private final Diagnostics diagnostics;
    /** The full names of the variants of every sweep checked so far, for {@code expect ... in}. */
    private final Set<String> known = new LinkedHashSet<>();
    /** The variant being checked ("" outside sweeps), the prefix of a nested sweep's variant names. */
    private String current = "";
    /** A sweep was left out for a syntax error: its variants are unknown. */
    private boolean lost;

    SweepChecks(Checker checker, Evaluator evaluator, Diagnostics diagnostics) {
        this.checker = checker;
        this.evaluator = evaluator;
        this.diagnostics = diagnostics;
    }

    Step check(Statement.Sweep w) {
        if (!checker.definable(w.variable(), w.span())) {
            return null;
        }
        List<Statement.Variant> blocks = w.body().stream()
                .filter(Statement.Variant.class::isInstance).map(Statement.Variant.class::cast).toList();
        List<String> labels = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        if (w.values() == null ? !named(w, blocks, labels, values) : !listed(w, blocks, labels, values)) {
            return null;
        }
        List<Step.Variant> variants = new ArrayList<>();
        Checker.State before = checker.state;
        boolean outerInSweep = checker.inSweep;
        String outer = current;
        boolean ok = true;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            checker.state = before.copy();
            checker.state.constants.put(w.variable(), values.get(i));
            checker.inSweep = true;
            current = (outer.isEmpty() ? "" : outer + ",") + w.variable() + "=" + labels.get(i);
            names.add(current);
            int errors = diagnostics.errorCount();
            try {
                List<Step> steps = body(w, labels.get(i));
                variants.add(new Step.Variant(labels.get(i), values.get(i), steps));
                if (checker.state.gradualEnd != null && (before.gradualEnd == null
                        || checker.state.gradualEnd.untilAt() != before.gradualEnd.untilAt())) {
                    checker.gradual().ended(current); // the variant's own policy ends with it
                }
            } finally {
                checker.state = before;
                checker.inSweep = outerInSweep;
                current = outer;
            }
            ok &= diagnostics.errorCount() == errors;
        }
        known.addAll(names);
        checker.gradual().uncounted();
        return ok ? new Step.Sweep(w.span(), w.variable(), variants) : null;
    }

    /** The body for one variant: every statement, and of the named blocks only the variant's own. */
    private List<Step> body(Statement.Sweep w, String label) {
        if (w.values() != null) {
            return checker.check(w.body());
        }
        List<Step> steps = new ArrayList<>();
        for (Statement s : w.body()) {
            if (s instanceof Statement.Variant v) {
                if (v.name().equals(label)) {
                    steps.addAll(checker.check(v.body()));
                }
            } else {
                Step step = checker.check(s);
                if (step != null) {
                    steps.add(step);
                }
            }
        }
        return steps;
    }

    /** {@code sweep NAME { a { ... } b { ... } }}: the blocks' names are the labels and the values. */
    private boolean named(Statement.Sweep w, List<Statement.Variant> blocks, List<String> labels, List<Value> values) {
        if (blocks.isEmpty()) {
            diagnostics.error(w.span(), "sweep " + w.variable() + " has neither values nor named blocks: write "
                    + "'sweep " + w.variable() + " in [v1, v2] { ... }', or name each variant's statements: 'sweep "
                    + w.variable() + " { a { ... } b { ... } }'");
            return false;
        }
        for (Statement.Variant v : blocks) {
            if (labels.contains(v.name())) {
                diagnostics.error(v.span(), "sweep " + w.variable() + " has two blocks named " + v.name()
                        + "; each variant needs a name of its own");
                return false;
            }
            labels.add(v.name());
            values.add(new Value.Str(v.name()));
        }
        return true;
    }

    /** {@code sweep NAME in [v1, v2] { ... }}: each value as written is the label. */
    private boolean listed(Statement.Sweep w, List<Statement.Variant> blocks, List<String> labels, List<Value> values) {
        if (!blocks.isEmpty()) {
            diagnostics.error(blocks.get(0).span(), "a named block is a variant of a sweep without values, and sweep "
                    + w.variable() + " runs its block once per value; write either 'sweep " + w.variable()
                    + " in [...] { ... }' or 'sweep " + w.variable() + " { " + blocks.get(0).name() + " { ... } ... }'");
            return false;
        }
        Value value = evaluator.eval(w.values(), checker.scope(), null);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Value.ListV list) || list.items().isEmpty()) {
            diagnostics.error(w.values().span(), "sweep takes a list of values, e.g. 'sweep max_lr in [0.02, 0.05, 0.1] "
                    + "{ ... }', got " + value.show());
            return false;
        }
        for (int i = 0; i < list.items().size(); i++) {
            labels.add(w.values() instanceof Expr.ListLit lit ? Printer.expr(lit.items().get(i)) : list.items().get(i).show());
        }
        for (int i = 0; i < labels.size(); i++) {
            if (labels.indexOf(labels.get(i)) != i || list.items().indexOf(list.items().get(i)) != i) {
                Expr where = w.values() instanceof Expr.ListLit lit ? lit.items().get(i) : w.values();
                diagnostics.error(where.span(), "sweep values must differ, and " + labels.get(i) + " is given twice");
                return false;
            }
        }
        values.addAll(list.items());
        return true;
    }

    /** A sweep statement was dropped for a syntax error. */
    void lost() {
        lost = true;
    }

    /**
     * The full name of the variant an {@code expect ... in} names, when an earlier sweep ran it; else
     * null after reporting the variants there are.
     */
    String variant(Statement.Expect e) {
        String name = Printer.variant(e.variant(), ",", "=");
        if (known.contains(name)) {
            return name;
        }
        var where = e.variant().get(0).span().to(e.variant().get(e.variant().size() - 1).span());
        if (lost) {
            return null; // a sweep left out for a syntax error may have had it
        }
        diagnostics.error(where, known.isEmpty()
                ? "no sweep has run before this expect, so there is no variant " + Printer.variant(e.variant(), ", ", " = ")
                        + " to judge"
                : "no sweep before this expect has a variant " + Printer.variant(e.variant(), ", ", " = ")
                        + "; the variants so far, as the records name them: " + String.join("; ", known));
        return null;
    }
}

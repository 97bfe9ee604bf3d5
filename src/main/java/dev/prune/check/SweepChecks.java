package dev.prune.check;

import dev.prune.ast.Expr;
import dev.prune.ast.Printer;
import dev.prune.ast.Statement;
import dev.prune.builtins.Value;
import dev.prune.source.Diagnostics;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks {@code sweep NAME in [...] { ... }}. The block is checked once per value, each time from
 * the state before the sweep with NAME bound to that value, because what a value means can depend
 * on it (a rate out of range, a schedule that needs a dense run). Nothing the block sets is in force
 * after it: the interpreter likewise returns to the starting state once the variants have run. A
 * mistake that does not depend on the value is reported once, since diagnostics are kept once per
 * place and message.
 */
final class SweepChecks {
    private final Checker checker;
    private final Evaluator evaluator;
    private final Diagnostics diagnostics;

    SweepChecks(Checker checker, Evaluator evaluator, Diagnostics diagnostics) {
        this.checker = checker;
        this.evaluator = evaluator;
        this.diagnostics = diagnostics;
    }

    Step check(Statement.Sweep w) {
        if (checker.inSweep) {
            diagnostics.error(w.span(), "sweeps do not nest; sweep over one name here and give the other "
                    + "its values with a param and --set");
            return null;
        }
        if (!checker.definable(w.variable(), w.span())) {
            return null;
        }
        Value values = evaluator.eval(w.values(), checker.scope(), null);
        if (values == null) {
            return null;
        }
        if (!(values instanceof Value.ListV list) || list.items().isEmpty()) {
            diagnostics.error(w.values().span(), "sweep takes a list of values, e.g. 'sweep max_lr in [0.02, 0.05, 0.1] "
                    + "{ ... }', got " + values.show());
            return null;
        }
        List<String> labels = labels(w.values(), list);
        for (int i = 0; i < labels.size(); i++) {
            if (labels.indexOf(labels.get(i)) != i || list.items().indexOf(list.items().get(i)) != i) {
                Expr where = w.values() instanceof Expr.ListLit lit ? lit.items().get(i) : w.values();
                diagnostics.error(where.span(), "sweep values must differ, and " + labels.get(i) + " is given twice");
                return null;
            }
        }
        List<Step.Variant> variants = new ArrayList<>();
        Checker.State before = checker.state;
        boolean ok = true;
        for (int i = 0; i < labels.size(); i++) {
            checker.state = before.copy();
            checker.state.constants.put(w.variable(), list.items().get(i));
            checker.inSweep = true;
            int errors = diagnostics.errorCount();
            try {
                List<Step> steps = checker.check(w.body());
                variants.add(new Step.Variant(labels.get(i), list.items().get(i), steps));
            } finally {
                checker.state = before;
                checker.inSweep = false;
            }
            ok &= diagnostics.errorCount() == errors;
        }
        return ok ? new Step.Sweep(w.span(), w.variable(), variants) : null;
    }

    /** Each value as the recipe wrote it when the list is written out, else as the value shows. */
    private static List<String> labels(Expr written, Value.ListV list) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            labels.add(written instanceof Expr.ListLit lit ? Printer.expr(lit.items().get(i)) : list.items().get(i).show());
        }
        return labels;
    }
}

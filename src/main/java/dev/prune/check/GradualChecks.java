package dev.prune.check;

import dev.prune.ast.Expr;
import dev.prune.ast.Statement;
import dev.prune.ast.Unit;
import dev.prune.builtins.Value;
import dev.prune.source.Diagnostics;

/**
 * Checks when a prune policy acts inside training: {@code every N iterations [from A] until B}.
 * Lengths in epochs and iterations are compared once the data says how many iterations an epoch
 * has; before that, only lengths written in the same unit are.
 */
final class GradualChecks {
    private final Checker checker;
    private final Evaluator evaluator;
    private final Diagnostics diagnostics;

    GradualChecks(Checker checker, Evaluator evaluator, Diagnostics diagnostics) {
        this.checker = checker;
        this.evaluator = evaluator;
        this.diagnostics = diagnostics;
    }

    /** The checked timing, or null after reporting. */
    GradualSpec check(Statement.Timing.Every every, boolean dynamic) {
        Value.Num interval = length(every.interval(), "every", true);
        Value.Num from = every.from() == null ? new Value.Num(0, Unit.ITERATIONS) : length(every.from(), "from", false);
        Value.Num until = null;
        if (every.until() == null) {
            diagnostics.error(every.span(), "pruning every " + Checker.show(every.interval()) + " needs an end: add "
                    + "'until 8 epochs' (" + (dynamic ? "the updates stop there" : "the target sparsity is reached there")
                    + ")");
        } else {
            until = length(every.until(), "until", true);
        }
        if (interval == null || from == null || until == null) {
            return null;
        }
        double a = iterations(from);
        double b = iterations(until);
        double step = iterations(interval);
        if (!Double.isNaN(a) && !Double.isNaN(b) && a >= b) {
            diagnostics.error(every.until().span(), "'until " + until.show() + "' must come after 'from "
                    + from.show() + "'");
            return null;
        }
        if (!Double.isNaN(a) && !Double.isNaN(b) && !Double.isNaN(step) && step > b - a) {
            diagnostics.error(every.interval().span(), "every " + interval.show() + " is longer than the stretch from "
                    + from.show() + " until " + until.show() + "; take a shorter interval");
            return null;
        }
        return new GradualSpec(interval, from, until, dynamic);
    }

    /** A length in epochs or iterations, positive (or >= 0 when {@code positive} is false); null after reporting. */
    private Value.Num length(Expr e, String what, boolean positive) {
        Value v = evaluator.eval(e, checker.scope(), null);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Value.Num n) || n.unit() != Unit.EPOCHS && n.unit() != Unit.ITERATIONS) {
            String hint = v instanceof Value.Num n && n.unit() == Unit.NONE
                    ? "; write '" + what + " " + n.show() + " iterations' or '" + what + " " + n.show() + " epochs'"
                    : what.equals("every") ? " (or 'every cycle' for pruning between trainings)" : "";
            diagnostics.error(e.span(), what + " takes a number of iterations or epochs, got " + v.show() + hint);
            return null;
        }
        if (n.value() < 0 || positive && n.value() == 0
                || n.unit() == Unit.ITERATIONS && n.value() != Math.rint(n.value())) {
            diagnostics.error(e.span(), what + " takes a " + (positive ? "positive" : "non-negative")
                    + " length, got " + n.show());
            return null;
        }
        return n;
    }

    private double iterations(Value.Num n) {
        return checker.iterations(n);
    }
}

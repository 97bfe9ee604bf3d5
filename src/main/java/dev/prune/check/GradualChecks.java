package dev.prune.check;

import dev.prune.ast.Expr;
import dev.prune.ast.Statement;
import dev.prune.ast.Unit;
import dev.prune.builtins.Format;
import dev.prune.builtins.Value;
import dev.prune.pruning.Dynamic;
import dev.prune.source.Diagnostics;
import dev.prune.source.Span;

/**
 * Checks when a prune policy acts inside training: {@code every N iterations [from A] until B}.
 * Lengths in epochs and iterations are compared once the data says how many iterations an epoch
 * has; before that, only lengths written in the same unit are. It also keeps the policy's clock
 * over the trainings that follow ({@link GradualEnd}), and warns when they end before it does.
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

    /** The policy just checked starts its clock at zero; the one in force before it ends. */
    void started(Statement.Timing.Every every, GradualSpec timing, PruneSpec spec) {
        replaced();
        String outcome = timing.dynamic() ? checker.registry().create(spec.criterion(), Dynamic.class).cutShort()
                : spec.target() > 0 ? "it never reaches " + Format.number(100 * spec.target()) + "%"
                : "it never reaches its target sparsity";
        double perEpoch = iterations(new Value.Num(1, Unit.EPOCHS));
        checker.state.gradualEnd = new GradualEnd(every.until().span(), every.from() == null ? null
                : every.from().span(), timing, iterations(timing.until()), iterations(timing.from()), perEpoch,
                outcome, 0);
    }

    /** A training of at most {@code iterations} runs on the policy's clock (NaN or infinite when unknown). */
    void trains(double iterations) {
        Checker.State st = checker.state;
        if (st.gradualEnd != null) {
            st.gradualEnd = st.gradualEnd.trains(iterations);
        }
    }

    /** The trainings after a sweep go on from before it, whatever its variants trained: no longer counted. */
    void uncounted() {
        Checker.State st = checker.state;
        if (st.gradualEnd != null) {
            st.gradualEnd = st.gradualEnd.unbounded();
        }
    }

    /** Another prune policy replaces the one in force; one nothing trained under is warned of as replaced. */
    void replaced() {
        Checker.State st = checker.state;
        if (st.gradualEnd != null && st.gradualEnd.trained() == 0) {
            st.gradualEnd = null;
        }
        ended();
    }

    /**
     * The policy in force ends (another replaces it, or the recipe or a sweep's variant ends): a
     * warning at its 'until' (or 'from') when the trainings after it end before that.
     */
    void ended() {
        ended("");
    }

    /** As {@link #ended()}, for the sweep variant named {@code variant} ("" outside one). */
    void ended(String variant) {
        Checker.State st = checker.state;
        GradualEnd g = st.gradualEnd;
        st.gradualEnd = null;
        if (g == null || Double.isNaN(g.trained()) || Double.isNaN(g.until()) || g.trained() >= g.until()
                || checker.doubtful("train") || checker.doubtful("run") || checker.doubtful("scratch")
                || checker.doubtful("retrain") || checker.doubtful("prune")) {
            return; // a training (or a replacing policy) that did not check may have changed that
        }
        boolean beforeFrom = g.fromAt() != null && g.trained() <= g.from();
        Value.Num mark = beforeFrom ? g.spec().from() : g.spec().until();
        String outcome = (beforeFrom ? "it never prunes" : g.outcome())
                + (variant.isEmpty() ? "" : " (in variant " + variant + ")");
        Span at = beforeFrom ? g.fromAt() : g.untilAt();
        if (g.trained() == 0) {
            diagnostics.warning(at, "nothing trains after this policy: " + outcome);
            return;
        }
        String trained = count(g.trained(), "iteration");
        if (mark.unit() == Unit.EPOCHS && g.perEpoch() > 0) {
            trained = count(Math.round(g.trained() / g.perEpoch() * 100) / 100.0, "epoch") + " (" + trained + ")";
        }
        diagnostics.warning(at, "the trainings after this policy end by " + trained + ", before its '"
                + (beforeFrom ? "from" : "until") + "' at " + mark.show() + ": " + outcome);
    }

    private static String count(double n, String unit) {
        return Format.number(n) + " " + unit + (n == 1 ? "" : "s");
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

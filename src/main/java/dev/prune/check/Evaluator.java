package dev.prune.check;

import dev.prune.ast.Expr;
import dev.prune.ast.Unit;
import dev.prune.builtins.Builtin;
import dev.prune.builtins.Format;
import dev.prune.builtins.Kind;
import dev.prune.builtins.MetricInfo;
import dev.prune.builtins.Registry;
import dev.prune.builtins.Spelling;
import dev.prune.builtins.Value;
import dev.prune.source.Diagnostics;
import dev.prune.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Expressions to values. Errors are reported and give null, so one bad argument does not hide the
 * next. The same evaluator checks recipes and, with metric values, decides conditions at run time.
 */
public final class Evaluator {
    private final Registry registry;
    private final Diagnostics diagnostics;
    private final Binder binder;

    /** Names defined by statements that were dropped or rejected: their uses are not reported again. */
    private java.util.function.Predicate<String> doubtful = name -> false;

    void doubtful(java.util.function.Predicate<String> names) {
        this.doubtful = names;
    }

    public Evaluator(Registry registry, Diagnostics diagnostics) {
        this.registry = registry;
        this.diagnostics = diagnostics;
        this.binder = new Binder(this, registry, diagnostics);
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /** @param expected the kind of builtin the context wants (for "did you mean"), or null */
    public Value eval(Expr e, Scope scope, Kind expected) {
        if (e instanceof Expr.Num n) {
            return new Value.Num(n.value(), n.unit());
        } else if (e instanceof Expr.Str s) {
            return new Value.Str(s.value());
        } else if (e instanceof Expr.Bool b) {
            return new Value.Bool(b.value());
        } else if (e instanceof Expr.Name n) {
            return name(n, scope, expected);
        } else if (e instanceof Expr.Call c) {
            return call(c, scope, expected);
        } else if (e instanceof Expr.ListLit l) {
            List<Value> items = new ArrayList<>();
            for (Expr item : l.items()) {
                Value v = eval(item, scope, expected);
                if (v == null) {
                    return null;
                }
                items.add(v);
            }
            return new Value.ListV(items);
        } else if (e instanceof Expr.Unary u) {
            return unary(u, scope);
        } else if (e instanceof Expr.Binary b) {
            return binary(b, scope);
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    private Value name(Expr.Name n, Scope scope, Kind expected) {
        Value constant = scope.constants().get(n.name());
        if (constant != null) {
            return constant;
        }
        Builtin<?> builtin = registry.find(n.name()).orElse(null);
        if (builtin != null && builtin.kind() == Kind.METRIC) {
            return metric(n, builtin, scope);
        }
        if (builtin != null) {
            return binder.bind(builtin, List.of(), n.span(), false, scope);
        }
        if (doubtful.test(n.name())) {
            // defined by a statement that was dropped or rejected, which has been reported
            return null;
        }
        // Suggestions come from the names that could stand here: a constant or, in a condition, a
        // metric; a builtin of another kind is never a likely meaning ('eps' is not 'ap').
        List<String> known = new ArrayList<>(scope.constants().keySet());
        registry.all().stream().filter(b -> expected == null ? b.kind() == Kind.METRIC
                        && scope.allowed() != Scope.Metrics.NONE : b.kind() == expected)
                .forEach(b -> known.add(b.name()));
        String what = expected == null ? "name" : expected.words();
        diagnostics.error(n.span(), "unknown " + what + " '" + n.name() + "'"
                + hintOrList(n.name(), known, expected));
        return null;
    }

    private Value metric(Expr.Name n, Builtin<?> builtin, Scope scope) {
        MetricInfo info = (MetricInfo) builtin.create(null);
        boolean allowed = scope.allowed() == Scope.Metrics.RUN && info.forRun()
                || scope.allowed() == Scope.Metrics.LAYER && info.forLayer();
        if (!allowed) {
            String where = scope.allowed() == Scope.Metrics.NONE
                    ? "only in conditions (run until, expect, finetune when, layers where)"
                    : info.forLayer() ? "only per layer, inside 'layers where'" : "only in run-level conditions";
            diagnostics.error(n.span(), "'" + n.name() + "' is a metric and can be used " + where);
            return null;
        }
        double value = scope.metrics() == null ? 0 : scope.metrics().value(n.name());
        return Value.Num.of(value);
    }

    /**
     * At check time: a metric compared with a number it can never take ('accuracy > 90', where
     * accuracy is a fraction) is reported, since the condition would silently never hold.
     */
    private boolean outOfRange(Expr metric, Value.Num other, Expr otherExpr) {
        if (!(metric instanceof Expr.Name n)) {
            return false;
        }
        Builtin<?> builtin = registry.find(n.name()).orElse(null);
        if (builtin == null || builtin.kind() != Kind.METRIC) {
            return false;
        }
        MetricInfo info = (MetricInfo) builtin.create(null);
        double v = other.plain();
        if (v >= info.min() && v <= info.max()) {
            return false;
        }
        String range = info.fraction() ? "a fraction from 0 to 1"
                : info.max() == Double.POSITIVE_INFINITY ? "at least " + Format.number(info.min())
                : "from " + Format.number(info.min()) + " to " + Format.number(info.max());
        String advice = info.fraction() && other.unit() == Unit.NONE && v > 1 && v <= 100
                ? "; write " + Format.number(v) + "% for " + Format.number(v / 100) : "";
        diagnostics.error(otherExpr.span(), "'" + n.name() + "' is " + range + ", so it is never compared with "
                + other.show() + advice);
        return true;
    }

    private Value call(Expr.Call c, Scope scope, Kind expected) {
        Builtin<?> builtin = registry.find(c.callee()).orElse(null);
        if (builtin == null || builtin.kind() == Kind.METRIC) {
            List<String> names = registry.all().stream()
                    .filter(b -> b.kind() != Kind.METRIC && (expected == null || b.kind() == expected))
                    .map(Builtin::name).toList();
            String what = expected == null ? "builtin" : expected.words();
            diagnostics.error(c.calleeSpan(), "unknown " + what + " '" + c.callee() + "'"
                    + hintOrList(c.callee(), names, expected));
            return null;
        }
        return binder.bind(builtin, c.args(), c.span(), true, scope);
    }

    private Value unary(Expr.Unary u, Scope scope) {
        Value v = eval(u.operand(), scope, null);
        if (v == null) {
            return null;
        }
        if (u.op() == Expr.Op.NOT) {
            return v instanceof Value.Bool b ? new Value.Bool(!b.value()) : typeError(u.operand().span(), "true or false", v);
        }
        return v instanceof Value.Num n ? new Value.Num(-n.value(), n.unit()) : typeError(u.operand().span(), "a number", v);
    }

    private Value binary(Expr.Binary b, Scope scope) {
        Value left = eval(b.left(), scope, null);
        Value right = eval(b.right(), scope, null);
        if (left == null || right == null) {
            return null;
        }
        if (b.op() == Expr.Op.AND || b.op() == Expr.Op.OR) {
            if (!(left instanceof Value.Bool l)) {
                return typeError(b.left().span(), "a condition", left);
            }
            if (!(right instanceof Value.Bool r)) {
                return typeError(b.right().span(), "a condition", right);
            }
            return new Value.Bool(b.op() == Expr.Op.AND ? l.value() && r.value() : l.value() || r.value());
        }
        if (!(left instanceof Value.Num l)) {
            return typeError(b.left().span(), "a number", left);
        }
        if (!(right instanceof Value.Num r)) {
            return typeError(b.right().span(), "a number", right);
        }
        if (b.op().comparison()) {
            if (scope.metrics() == null && (outOfRange(b.left(), r, b.right()) || outOfRange(b.right(), l, b.left()))) {
                return null;
            }
            return new Value.Bool(compare(b.op(), l.plain(), r.plain()));
        }
        return arithmetic(b, l, r);
    }

    private Value arithmetic(Expr.Binary b, Value.Num l, Value.Num r) {
        boolean additive = b.op() == Expr.Op.ADD || b.op() == Expr.Op.SUB;
        if (additive && l.unit() != r.unit() && l.unit() != Unit.NONE && r.unit() != Unit.NONE) {
            diagnostics.error(b.span(), "cannot " + (b.op() == Expr.Op.ADD ? "add" : "subtract") + " "
                    + r.unit().text() + " and " + l.unit().text());
            return null;
        }
        Unit unit = l.unit() != Unit.NONE ? l.unit() : r.unit();
        double x = l.value();
        double y = r.value();
        switch (b.op()) {
            case ADD: return new Value.Num(x + y, unit);
            case SUB: return new Value.Num(x - y, unit);
            case MUL: return new Value.Num(x * y, unit);
            default:
                if (y == 0) {
                    diagnostics.error(b.right().span(), "division by zero");
                    return null;
                }
                return new Value.Num(x / y, l.unit() == r.unit() ? Unit.NONE : unit);
        }
    }

    private static boolean compare(Expr.Op op, double a, double b) {
        switch (op) {
            case LT: return a < b;
            case LE: return a <= b;
            case GT: return a > b;
            case GE: return a >= b;
            case EQ: return a == b;
            default: return a != b;
        }
    }

    /** "did you mean" when something is close; otherwise, for a known kind, the names to choose from. */
    private static String hintOrList(String word, List<String> names, Kind expected) {
        String hint = Spelling.hint(word, names);
        if (!hint.isEmpty() || expected == null || expected == Kind.METRIC) {
            return hint;
        }
        return " (" + expected.plural() + ": " + String.join(", ", names) + ")";
    }

    Value typeError(Span span, String wanted, Value got) {
        diagnostics.error(span, "expected " + wanted + ", got " + got.show());
        return null;
    }

    /** Evaluates a condition; null after reporting when it is not one. */
    public Boolean condition(dev.prune.ast.Expr e, Scope scope) {
        Value v = eval(e, scope, null);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Value.Bool b)) {
            typeError(e.span(), "a condition such as 'accuracy >= 80%'", v);
            return null;
        }
        return b.value();
    }

    static Map<String, Value> none() {
        return Map.of();
    }
}

package dev.prune.check;

import dev.prune.ast.Expr;
import dev.prune.ast.Unit;
import dev.prune.builtins.Builtin;
import dev.prune.builtins.Format;
import dev.prune.builtins.Kind;
import dev.prune.builtins.Param;
import dev.prune.builtins.Registry;
import dev.prune.builtins.ScheduleBuiltins;
import dev.prune.builtins.Spelling;
import dev.prune.builtins.Type;
import dev.prune.builtins.Value;
import dev.prune.source.Diagnostics;
import dev.prune.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a builtin call's arguments to its declared parameters: positional then named, every value
 * checked for type, unit and range, defaults filled in. The result is a complete {@link Value.Ref}.
 */
final class Binder {
    private final Evaluator evaluator;
    private final Registry registry;
    private final Diagnostics diagnostics;

    Binder(Evaluator evaluator, Registry registry, Diagnostics diagnostics) {
        this.evaluator = evaluator;
        this.registry = registry;
        this.diagnostics = diagnostics;
    }

    Value bind(Builtin<?> builtin, List<Expr.Arg> args, Span span, boolean called, Scope scope) {
        Map<String, Value> bound = new LinkedHashMap<>();
        Map<String, Span> where = new LinkedHashMap<>();
        List<Value> rest = new ArrayList<>();
        boolean ok = true;
        int position = 0;
        for (Expr.Arg arg : args) {
            Param param;
            if (arg.named()) {
                param = builtin.param(arg.name()).orElse(null);
                if (param == null) {
                    List<String> names = builtin.params().stream().map(Param::name).toList();
                    diagnostics.error(arg.span(), builtin.name() + " has no parameter '" + arg.name() + "'"
                            + (names.isEmpty() ? "; it takes none" : Spelling.hint(arg.name(), names)));
                    ok = false;
                    continue;
                }
            } else if (builtin.variadic() != null) {
                Value v = evaluator.eval(arg.value(), scope, null);
                if (v == null) {
                    ok = false;
                } else {
                    rest.add(v);
                }
                continue;
            } else if (position < builtin.params().size()) {
                param = builtin.params().get(position++);
            } else {
                diagnostics.error(arg.span(), builtin.name() + " takes at most " + builtin.params().size()
                        + " argument" + (builtin.params().size() == 1 ? "" : "s"));
                ok = false;
                continue;
            }
            if (bound.containsKey(param.name())) {
                diagnostics.error(arg.span(), builtin.name() + "'s parameter '" + param.name() + "' is given twice");
                ok = false;
                continue;
            }
            Value v = evaluator.eval(arg.value(), scope, expectedKind(param.type()));
            Value checked = v == null ? null : convert(builtin, param, v, arg.value().span());
            if (checked == null) {
                ok = false;
            } else {
                bound.put(param.name(), checked);
                where.put(param.name(), arg.span());
            }
        }
        if (builtin.variadic() != null && !rest.isEmpty()) {
            Param param = builtin.param(builtin.variadic()).orElseThrow();
            Value checked = convert(builtin, param, new Value.ListV(rest), span);
            if (checked == null) {
                ok = false;
            } else {
                bound.put(param.name(), checked);
            }
        }
        for (Param p : builtin.params()) {
            if (!bound.containsKey(p.name())) {
                if (p.required()) {
                    if (ok) {
                        diagnostics.error(span, builtin.name() + " needs " + p.name() + "=... (" + p.doc() + ")");
                    }
                    ok = false;
                } else if (!p.omittable()) {
                    bound.put(p.name(), p.fallback());
                }
            }
        }
        return ok ? new Value.Ref(builtin.name(), bound, called) : null;
    }

    private static Kind expectedKind(Type type) {
        return type == Type.CRITERION ? Kind.CRITERION : type == Type.SCHEDULE ? Kind.SCHEDULE
                : type == Type.AUGMENTATION ? Kind.AUGMENTATION : null;
    }

    /** The value in the parameter's terms, or null after reporting why it does not fit. */
    Value convert(Builtin<?> builtin, Param p, Value v, Span span) {
        String what = builtin.name() + "'s " + p.name();
        switch (p.type()) {
            case NUMBER:
            case INT:
                if (!(v instanceof Value.Num n) || n.unit() != Unit.NONE) {
                    return wrong(span, what, p, v);
                }
                if (p.type() == Type.INT && n.value() != Math.rint(n.value())) {
                    diagnostics.error(span, what + " must be a whole number, got " + v.show());
                    return null;
                }
                return inRange(span, what, p, n);
            case FRACTION:
                if (!(v instanceof Value.Num f) || f.unit() != Unit.NONE && f.unit() != Unit.PERCENT) {
                    return wrong(span, what, p, v);
                }
                return inRange(span, what, p, f);
            case DURATION:
                if (!(v instanceof Value.Num d) || d.unit() != Unit.EPOCHS && d.unit() != Unit.ITERATIONS) {
                    if (v instanceof Value.Num bare && bare.unit() == Unit.NONE) {
                        diagnostics.error(span, what + " needs a unit: write " + Format.number(bare.value())
                                + " epochs or " + Format.number(bare.value()) + " iterations");
                        return null;
                    }
                    return wrong(span, what, p, v);
                }
                return inRange(span, what, p, d);
            case CYCLES:
                if (!(v instanceof Value.Num c) || c.unit() != Unit.CYCLES && c.unit() != Unit.NONE) {
                    return wrong(span, what, p, v);
                }
                return inRange(span, what, p, c);
            case STRING:
                return v instanceof Value.Str ? v : wrong(span, what, p, v);
            case BOOL:
                return v instanceof Value.Bool ? v : wrong(span, what, p, v);
            case NUMBERS:
                return numbers(span, what, p, v);
            case CRITERION:
            case SCHEDULE:
                return reference(span, what, p, v);
            case AUGMENTATION:
                return v instanceof Value.Bool || v instanceof Value.Ref r
                        && registry.find(r.name()).map(b -> b.kind() == Kind.AUGMENTATION).orElse(false)
                        ? v : wrong(span, what, p, v);
            default:
                throw new IllegalStateException(p.type().toString());
        }
    }

    private Value numbers(Span span, String what, Param p, Value v) {
        List<Value> items = v instanceof Value.ListV l ? l.items() : List.of(v);
        for (Value item : items) {
            if (!(item instanceof Value.Num n) || n.unit() != Unit.NONE && n.unit() != Unit.PERCENT) {
                return wrong(span, what, p, v);
            }
            if (inRange(span, what, p, n) == null) {
                return null;
            }
        }
        return new Value.ListV(items);
    }

    private Value reference(Span span, String what, Param p, Value v) {
        Kind kind = p.type() == Type.CRITERION ? Kind.CRITERION : Kind.SCHEDULE;
        if (kind == Kind.SCHEDULE && v instanceof Value.Num n && n.unit() == Unit.NONE) {
            return Schedules.constant(registry, n.value());
        }
        if (v instanceof Value.Ref r && r.name().equals(ScheduleBuiltins.ORACLE)) {
            diagnostics.error(span, what + " cannot be the oracle, which chooses its rate by training; "
                    + "use it on its own, as in 'lr oracle(grid=[0.01, 0.1])'");
            return null;
        }
        if (v instanceof Value.Ref r && registry.find(r.name()).map(b -> b.kind() == kind).orElse(false)) {
            return v;
        }
        return wrong(span, what, p, v);
    }

    private Value inRange(Span span, String what, Param p, Value.Num n) {
        double x = n.plain();
        if (x < p.min() || x > p.max()) {
            diagnostics.error(span, what + " must be " + p.range() + ", got " + n.show());
            return null;
        }
        return n;
    }

    private Value wrong(Span span, String what, Param p, Value v) {
        diagnostics.error(span, what + " takes a " + p.type().words() + ", got " + v.show());
        return null;
    }
}

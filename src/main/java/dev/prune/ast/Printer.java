package dev.prune.ast;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Canonical text of AST nodes: one statement per line, single spaces, minimal parentheses. Used
 * for messages, run records, the REPL's saved sessions and the formatter, so that they all show
 * a recipe the same way.
 */
public final class Printer {
    private Printer() {}

    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String plain = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        String shortest = Double.toString(v);
        return plain.length() <= shortest.length() ? plain : shortest.replace("E", "e");
    }

    public static String expr(Expr e) {
        return expr(e, 0);
    }

    private static int precedence(Expr e) {
        if (e instanceof Expr.Binary b) {
            switch (b.op()) {
                case OR: return 1;
                case AND: return 2;
                case MUL: case DIV: return 5;
                case ADD: case SUB: return 4;
                default: return 3;
            }
        }
        return e instanceof Expr.Unary ? 6 : 7;
    }

    private static String expr(Expr e, int outer) {
        String text;
        if (e instanceof Expr.Num n) {
            String unit = n.unit() == Unit.NONE ? "" : n.unit() == Unit.PERCENT ? "%" : " " + unitWord(n);
            text = number(n.value()) + unit;
        } else if (e instanceof Expr.Str s) {
            text = quote(s.value());
        } else if (e instanceof Expr.Bool b) {
            text = Boolean.toString(b.value());
        } else if (e instanceof Expr.Name n) {
            text = n.name();
        } else if (e instanceof Expr.Call c) {
            text = c.callee() + c.args().stream().map(a -> (a.named() ? a.name() + "=" : "") + expr(a.value()))
                    .collect(Collectors.joining(", ", "(", ")"));
        } else if (e instanceof Expr.ListLit l) {
            text = l.items().stream().map(Printer::expr).collect(Collectors.joining(", ", "[", "]"));
        } else if (e instanceof Expr.Unary u) {
            text = (u.op() == Expr.Op.NOT ? "not " : "-") + expr(u.operand(), 6);
        } else {
            Expr.Binary b = (Expr.Binary) e;
            int p = precedence(b);
            text = expr(b.left(), p) + " " + b.op().text() + " " + expr(b.right(), p + 1);
        }
        return precedence(e) < outer ? "(" + text + ")" : text;
    }

    private static String unitWord(Expr.Num n) {
        String plural = n.unit().text();
        return n.value() == 1 ? plural.substring(0, plural.length() - 1) : plural;
    }

    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public static String selector(Selector s) {
        if (s instanceof Selector.All) {
            return "layers";
        } else if (s instanceof Selector.Range r) {
            return "layers " + expr(r.from()) + ".." + expr(r.to());
        } else if (s instanceof Selector.Listed l) {
            return "layers " + l.items().stream().map(Printer::expr).collect(Collectors.joining(", ", "[", "]"));
        } else if (s instanceof Selector.Where w) {
            return "layers where " + expr(w.condition());
        } else if (s instanceof Selector.Fraction f) {
            return expr(f.share()) + " of layers" + (f.condition() == null ? "" : " where " + expr(f.condition()));
        }
        String name = ((Selector.Named) s).name();
        return name.matches("[a-zA-Z_][a-zA-Z_0-9]*") ? name : quote(name);
    }

    public static String statements(List<Statement> statements, String indent) {
        return statements.stream().filter(s -> !(s instanceof Statement.Dropped))
                .map(s -> indent + statement(s, indent)).collect(Collectors.joining("\n"));
    }

    public static String statement(Statement s) {
        return statement(s, "");
    }

    static String statement(Statement s, String indent) {
        if (s instanceof Statement.Import i) {
            return "import " + quote(i.path());
        } else if (s instanceof Statement.Requires r) {
            return "requires " + String.join(", ", r.needs().stream()
                    .map(n -> r.standIns().containsKey(n) ? n + " " + r.standIns().get(n) : n).toList());
        } else if (s instanceof Statement.Param p) {
            return "param " + p.name() + " = " + expr(p.value());
        } else if (s instanceof Statement.Let l) {
            return "let " + l.name() + " = " + expr(l.value());
        } else if (s instanceof Statement.Seed x) {
            return "seed " + expr(x.value());
        } else if (s instanceof Statement.Model m) {
            return "model " + expr(m.value());
        } else if (s instanceof Statement.Data d) {
            return "data " + expr(d.value());
        } else if (s instanceof Statement.Optimizer o) {
            return "optimizer " + expr(o.value());
        } else if (s instanceof Statement.Train t) {
            return training("train", t.duration(), t.lr(), t.stop());
        } else if (s instanceof Statement.Retrain t) {
            return training("retrain", t.duration(), t.lr(), t.stop());
        } else if (s instanceof Statement.Scratch x) {
            return "scratch " + expr(x.budget()) + (x.lr() == null ? "" : " lr " + expr(x.lr()));
        } else if (s instanceof Statement.Prune p) {
            return prune(p);
        } else if (s instanceof Statement.Lr l) {
            return "lr " + expr(l.schedule());
        } else if (s instanceof Statement.Penalty p) {
            return "penalty " + (p.penalty() == null ? "none" : expr(p.penalty()));
        } else if (s instanceof Statement.Rewind r) {
            return rewind(r);
        } else if (s instanceof Statement.Checkpoint c) {
            return "checkpoint " + c.name();
        } else if (s instanceof Statement.Freeze f) {
            return "freeze " + selector(f.layers());
        } else if (s instanceof Statement.Unfreeze u) {
            return u.layers() == null ? "unfreeze" : "unfreeze " + selector(u.layers());
        } else if (s instanceof Statement.Finetune f) {
            return "finetune when " + expr(f.condition());
        } else if (s instanceof Statement.RunCycles r) {
            return "run " + expr(r.count());
        } else if (s instanceof Statement.RunUntil r) {
            return "run until " + expr(r.condition()) + (r.max() == null ? "" : " max " + expr(r.max()));
        } else if (s instanceof Statement.Save v) {
            return "save " + quote(v.path());
        } else if (s instanceof Statement.Compact c) {
            return c.path() == null ? "compact" : "compact " + quote(c.path());
        } else if (s instanceof Statement.Expect e) {
            return "expect " + expr(e.claim()) + (e.at() == null ? "" : " at " + expr(e.at()))
                    + (e.variant().isEmpty() ? "" : " in " + variant(e.variant(), ", ", " = "));
        } else if (s instanceof Statement.Sweep w) {
            return "sweep " + w.variable() + (w.values() == null ? "" : " in " + expr(w.values())) + " {\n"
                    + statements(w.body(), indent + "    ") + "\n" + indent + "}";
        } else if (s instanceof Statement.Variant v) {
            return v.name() + " {\n" + statements(v.body(), indent + "    ") + "\n" + indent + "}";
        }
        return s.keyword();
    }

    /** "up to" is printed only with a stopping rule, where it says the length is a maximum. */
    private static String training(String keyword, Expr duration, Expr lr, Expr stop) {
        return keyword + (stop == null ? " " : " up to ") + expr(duration) + (lr == null ? "" : " lr " + expr(lr))
                + (stop == null ? "" : " stop " + expr(stop));
    }

    private static String rewind(Statement.Rewind r) {
        if (r.target() == null) {
            return "rewind none";
        }
        String point = r.point() == Unit.ITERATIONS ? "iteration " : r.point() == Unit.EPOCHS ? "epoch " : "";
        return "rewind to " + point + expr(r.target()) + (r.lr() ? " with lr" : "");
    }

    private static String prune(Statement.Prune p) {
        StringBuilder out = new StringBuilder("prune");
        if (p.scope() == Statement.Scope.GLOBAL) {
            out.append(" global");
        }
        if (p.criterion() != null) {
            out.append(' ').append(expr(p.criterion()));
        }
        if (p.on() != null) {
            out.append(" on ").append(selector(p.on()));
        }
        if (p.amount() instanceof Statement.Amount.By by) {
            out.append(" by ").append(expr(by.rate()));
        } else if (p.amount() instanceof Statement.Amount.Shares shares) {
            String sep = " by ";
            for (Statement.Share share : shares.shares()) {
                out.append(sep).append(expr(share.rate())).append(" on ").append(selector(share.on()));
                sep = ", ";
            }
        } else if (p.amount() instanceof Statement.Amount.To to) {
            out.append(" to ").append(expr(to.target()));
            if (to.over() != null) {
                out.append(" over ").append(expr(to.over()));
            }
        }
        Statement.Timing t = p.timing();
        if (t instanceof Statement.Timing.EveryCycle) {
            out.append(" every cycle");
        } else if (t instanceof Statement.Timing.Every e) {
            out.append(" every ").append(expr(e.interval()));
            if (e.from() != null) {
                out.append(" from ").append(expr(e.from()));
            }
            if (e.until() != null) {
                out.append(" until ").append(expr(e.until()));
            }
        } else if (t instanceof Statement.Timing.At a) {
            out.append(" at ").append(a.point());
        }
        if (p.except() != null) {
            out.append(" except ").append(selector(p.except()));
        }
        return out.toString();
    }

    /**
     * A variant's name from its parts: {@code rate=20%} and {@code a=1,b=init} as the records write
     * it (separators "," and "="), or {@code a = 1, b = init} as a recipe does.
     */
    public static String variant(List<Statement.VariantPart> parts, String between, String equals) {
        StringBuilder out = new StringBuilder();
        for (Statement.VariantPart p : parts) {
            out.append(out.length() == 0 ? "" : between).append(p.sweep()).append(equals).append(expr(p.value()));
        }
        return out.toString();
    }

    /**
     * A recorded variant name as a recipe writes it: {@code a=1,b=init} becomes {@code a = 1, b = init}.
     * Only the commas that join nested sweeps split it: a value's own commas are printed with a space
     * after them, so {@code schedule=s_cyc(max=0.1, k=4)} stays one part.
     */
    public static String variantName(String recorded) {
        List<String> parts = new java.util.ArrayList<>();
        for (String part : recorded.split(",(?=[A-Za-z_][A-Za-z_0-9]*=)")) {
            int eq = part.indexOf('=');
            parts.add(eq < 0 ? part : part.substring(0, eq) + " = " + part.substring(eq + 1));
        }
        return String.join(", ", parts);
    }
}

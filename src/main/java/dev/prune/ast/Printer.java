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
        return s.accept(new StatementText(indent));
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

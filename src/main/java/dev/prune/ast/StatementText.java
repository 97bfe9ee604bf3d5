package dev.prune.ast;

import static dev.prune.ast.Printer.expr;
import static dev.prune.ast.Printer.quote;
import static dev.prune.ast.Printer.selector;

/**
 * The canonical text of each kind of statement ({@link Printer#statement}): one method per kind, so
 * a new kind of statement that has no text fails to compile.
 *
 * @param indent the indentation of the statement's line, which a block's closing brace takes
 */
record StatementText(String indent) implements Statement.Visitor<String> {
    @Override
    public String visit(Statement.Import i) {
        return "import " + quote(i.path());
    }

    @Override
    public String visit(Statement.Requires r) {
        return "requires " + String.join(", ", r.needs().stream()
                .map(n -> r.standIns().containsKey(n) ? n + " " + r.standIns().get(n) : n).toList());
    }

    @Override
    public String visit(Statement.Param p) {
        return "param " + p.name() + " = " + expr(p.value());
    }

    @Override
    public String visit(Statement.Let l) {
        return "let " + l.name() + " = " + expr(l.value());
    }

    @Override
    public String visit(Statement.Seed x) {
        return "seed " + expr(x.value());
    }

    @Override
    public String visit(Statement.Model m) {
        return "model " + expr(m.value());
    }

    @Override
    public String visit(Statement.Data d) {
        return "data " + expr(d.value());
    }

    @Override
    public String visit(Statement.Optimizer o) {
        return "optimizer " + expr(o.value());
    }

    @Override
    public String visit(Statement.Train t) {
        return training("train", t.duration(), t.lr(), t.stop());
    }

    @Override
    public String visit(Statement.Retrain t) {
        return training("retrain", t.duration(), t.lr(), t.stop());
    }

    @Override
    public String visit(Statement.Scratch x) {
        return "scratch " + expr(x.budget()) + (x.lr() == null ? "" : " lr " + expr(x.lr()));
    }

    @Override
    public String visit(Statement.Prune p) {
        return prune(p);
    }

    @Override
    public String visit(Statement.Lr l) {
        return "lr " + expr(l.schedule());
    }

    @Override
    public String visit(Statement.Penalty p) {
        return "penalty " + (p.penalty() == null ? "none" : expr(p.penalty()));
    }

    @Override
    public String visit(Statement.Rewind r) {
        if (r.target() == null) {
            return "rewind none";
        }
        String point = r.point() == Unit.ITERATIONS ? "iteration " : r.point() == Unit.EPOCHS ? "epoch " : "";
        return "rewind to " + point + expr(r.target()) + (r.lr() ? " with lr" : "");
    }

    @Override
    public String visit(Statement.Checkpoint c) {
        return "checkpoint " + c.name();
    }

    @Override
    public String visit(Statement.Freeze f) {
        return "freeze " + selector(f.layers());
    }

    @Override
    public String visit(Statement.Unfreeze u) {
        return u.layers() == null ? "unfreeze" : "unfreeze " + selector(u.layers());
    }

    @Override
    public String visit(Statement.Finetune f) {
        return "finetune when " + expr(f.condition());
    }

    @Override
    public String visit(Statement.RunCycles r) {
        return "run " + expr(r.count());
    }

    @Override
    public String visit(Statement.RunUntil r) {
        return "run until " + expr(r.condition()) + (r.max() == null ? "" : " max " + expr(r.max()));
    }

    @Override
    public String visit(Statement.Evaluate e) {
        return e.keyword();
    }

    @Override
    public String visit(Statement.Report r) {
        return r.keyword();
    }

    @Override
    public String visit(Statement.Save v) {
        return "save " + quote(v.path());
    }

    @Override
    public String visit(Statement.Compact c) {
        return c.path() == null ? "compact" : "compact " + quote(c.path());
    }

    @Override
    public String visit(Statement.Expect e) {
        return "expect " + expr(e.claim()) + (e.at() == null ? "" : " at " + expr(e.at()))
                + (e.variant().isEmpty() ? "" : " in " + Printer.variant(e.variant(), ", ", " = "));
    }

    @Override
    public String visit(Statement.Sweep w) {
        return "sweep " + w.variable() + (w.values() == null ? "" : " in " + expr(w.values())) + " {\n"
                + Printer.statements(w.body(), indent + "    ") + "\n" + indent + "}";
    }

    @Override
    public String visit(Statement.Variant v) {
        return v.name() + " {\n" + Printer.statements(v.body(), indent + "    ") + "\n" + indent + "}";
    }

    /** A statement lost to a syntax error has no text of its own; blocks leave it out. */
    @Override
    public String visit(Statement.Dropped d) {
        return d.keyword();
    }

    /** "up to" is printed only with a stopping rule, where it says the length is a maximum. */
    private static String training(String keyword, Expr duration, Expr lr, Expr stop) {
        return keyword + (stop == null ? " " : " up to ") + expr(duration) + (lr == null ? "" : " lr " + expr(lr))
                + (stop == null ? "" : " stop " + expr(stop));
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
            String sep = shares.targets() ? " to " : " by ";
            for (Statement.Share share : shares.shares()) {
                out.append(sep).append(expr(share.rate())).append(" on ").append(selector(share.on()));
                sep = ", ";
            }
            if (shares.over() != null) {
                out.append(" over ").append(expr(shares.over()));
            }
        } else if (p.amount() instanceof Statement.Amount.To to) {
            out.append(" to ").append(expr(to.target()));
            if (to.over() != null) {
                out.append(" over ").append(expr(to.over()));
            }
        }
        timing(p.timing(), out);
        if (p.except() != null) {
            out.append(" except ").append(selector(p.except()));
        }
        return out.toString();
    }

    private static void timing(Statement.Timing t, StringBuilder out) {
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
    }
}

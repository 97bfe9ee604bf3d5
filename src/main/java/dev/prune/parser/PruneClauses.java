package dev.prune.parser;

import dev.prune.ast.Expr;
import dev.prune.ast.Selector;
import dev.prune.ast.Statement;
import dev.prune.parser.gen.PruneParser;
import dev.prune.source.Diagnostics;
import dev.prune.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds a prune statement's clauses (written in any order) into one normalized node; a clause
 * given twice or two that contradict each other are reported here, with the clause's position.
 */
final class PruneClauses {
    private final AstBuilder builder;
    private final Diagnostics diagnostics;

    PruneClauses(AstBuilder builder, Diagnostics diagnostics) {
        this.builder = builder;
        this.diagnostics = diagnostics;
    }

    /** {@code 20% on hidden, 10% on output}: each amount with the selection after it. */
    private List<Statement.Share> shares(List<PruneParser.ExprContext> amounts, List<PruneParser.SelectorContext> on) {
        List<Statement.Share> shares = new ArrayList<>();
        for (int i = 0; i < on.size(); i++) {
            Expr rate = builder.expr(amounts.get(i));
            Selector where = builder.selector(on.get(i));
            shares.add(new Statement.Share(rate.span().to(where.span()), rate, where));
        }
        return List.copyOf(shares);
    }

    Statement.Prune build(PruneParser.PruneStmtContext ctx) {
        Span span = builder.span(ctx);
        Statement.Scope scope = ctx.GLOBAL() != null ? Statement.Scope.GLOBAL : null;
        Statement.Amount amount = null;
        Statement.Timing timing = null;
        Selector on = null;
        Selector except = null;
        Expr from = null;
        Expr until = null;
        for (PruneParser.PruneClauseContext clause : ctx.pruneClause()) {
            Span at = builder.span(clause);
            if (clause instanceof PruneParser.ByClauseContext by && !by.selector().isEmpty()) {
                amount = once(amount, at, "amount", new Statement.Amount.Shares(at, shares(by.expr(), by.selector()),
                        false, null));
            } else if (clause instanceof PruneParser.ByClauseContext by) {
                amount = once(amount, at, "amount", new Statement.Amount.By(at, builder.expr(by.expr(0))));
            } else if (clause instanceof PruneParser.ToClauseContext to && !to.selector().isEmpty()) {
                Expr over = to.OVER() != null ? builder.expr(to.expr(to.expr().size() - 1)) : null;
                amount = once(amount, at, "amount", new Statement.Amount.Shares(at, shares(to.expr(), to.selector()),
                        true, over));
            } else if (clause instanceof PruneParser.ToClauseContext to) {
                Expr over = to.expr().size() > 1 ? builder.expr(to.expr(1)) : null;
                amount = once(amount, at, "amount", new Statement.Amount.To(at, builder.expr(to.expr(0)), over));
            } else if (clause instanceof PruneParser.EveryClauseContext every) {
                Statement.Timing t = every.CYCLE() != null ? new Statement.Timing.EveryCycle(at)
                        : new Statement.Timing.Every(at, builder.expr(every.expr()), null, null);
                timing = once(timing, at, "timing", t);
            } else if (clause instanceof PruneParser.FromClauseContext f) {
                from = once(from, at, "'from' point", builder.expr(f.expr()));
            } else if (clause instanceof PruneParser.UntilClauseContext u) {
                until = once(until, at, "'until' point", builder.expr(u.expr()));
            } else if (clause instanceof PruneParser.AtClauseContext point) {
                timing = once(timing, at, "timing", new Statement.Timing.At(at, point.IDENT().getText()));
            } else if (clause instanceof PruneParser.GlobalClauseContext) {
                scope = once(scope, at, "scope", Statement.Scope.GLOBAL);
            } else if (clause instanceof PruneParser.LayerwiseClauseContext) {
                scope = once(scope, at, "scope", Statement.Scope.LAYERWISE);
            } else if (clause instanceof PruneParser.OnClauseContext o) {
                on = once(on, at, "'on' selector", builder.selector(o.selector()));
            } else if (clause instanceof PruneParser.ExceptClauseContext e) {
                except = once(except, at, "'except' selector", builder.selector(e.selector()));
            }
        }
        if (amount == null) {
            diagnostics.error(span, "prune needs an amount: 'by 20%' (of the remaining weights) or 'to 90%'");
        }
        if (timing instanceof Statement.Timing.Every every) {
            timing = new Statement.Timing.Every(every.span(), every.interval(), from, until);
        } else if (from != null || until != null) {
            Expr point = from != null ? from : until;
            diagnostics.error(point.span(), "'from' and 'until' bound pruning inside training; they go with "
                    + "'every N iterations', e.g. 'prune l1 to 90% every 100 iterations until 8 epochs'");
        }
        Expr criterion = builder.expr(ctx.criterion);
        return new Statement.Prune(span, criterion,
                scope == null ? Statement.Scope.LAYERWISE : scope, amount,
                timing == null ? new Statement.Timing.Now(span) : timing, on, except);
    }

    private <T> T once(T current, Span at, String what, T next) {
        if (current != null) {
            diagnostics.error(at, "prune has more than one " + what + "; keep one");
            return current;
        }
        return next;
    }
}

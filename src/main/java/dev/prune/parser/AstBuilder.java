package dev.prune.parser;

import dev.prune.ast.Expr;
import dev.prune.ast.Recipe;
import dev.prune.ast.Selector;
import dev.prune.ast.Statement;
import dev.prune.ast.Unit;
import dev.prune.parser.gen.PruneBaseVisitor;
import dev.prune.parser.gen.PruneParser;
import dev.prune.source.Diagnostics;
import dev.prune.source.SourceFile;
import dev.prune.source.Span;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Turns the parse tree into the AST; the only code that walks ANTLR trees. */
final class AstBuilder extends PruneBaseVisitor<Object> {
    private final SourceFile source;
    private final Diagnostics diagnostics;
    private final PruneClauses clauses;
    /** Where the parser skipped tokens that could not start a statement (see StatementRecovery). */
    private final List<Token> skipped;
    /** Set when a number literal of the statement being built was reported as no number. */
    private boolean badNumber;

    AstBuilder(SourceFile source, Diagnostics diagnostics, List<Token> skipped) {
        this.source = source;
        this.skipped = skipped;
        this.diagnostics = diagnostics;
        this.clauses = new PruneClauses(this, diagnostics);
    }

    Recipe recipe(PruneParser.RecipeContext ctx) {
        return new Recipe(source, statements(ctx));
    }

    /**
     * The statements of a recipe or block in order: those that parsed, and a {@link Statement.Dropped}
     * for each one left out for a syntax error.
     */
    List<Statement> statements(ParserRuleContext list) {
        List<Statement> out = new ArrayList<>();
        int start = list.getStart().getTokenIndex();
        int stop = list.getStop() == null ? Integer.MAX_VALUE : list.getStop().getTokenIndex();
        List<Token> junk = new ArrayList<>();
        for (Token t : skipped) {
            if (t.getTokenIndex() >= start && t.getTokenIndex() <= stop) {
                junk.add(t);
            }
        }
        for (int i = 0; i < list.getChildCount(); i++) {
            if (!(list.getChild(i) instanceof PruneParser.StatementContext s)) {
                continue;
            }
            int first = s.getStart().getTokenIndex();
            int last = s.getStop() == null ? first : Math.max(first, s.getStop().getTokenIndex());
            junk.removeIf(t -> t.getTokenIndex() > first && t.getTokenIndex() <= last);
            while (!junk.isEmpty() && junk.get(0).getTokenIndex() < first) {
                out.add(dropped(junk.remove(0), null));
            }
            out.add(statement(s));
        }
        junk.forEach(t -> out.add(dropped(t, null)));
        return out;
    }

    private Statement statement(PruneParser.StatementContext s) {
        if (broken(s)) {
            // Reported as a syntax error already; a half-parsed statement never reaches the AST.
            return dropped(s.getStart(), definedName(s));
        }
        try {
            boolean outer = badNumber; // a sweep's statements are built inside the sweep statement
            badNumber = false;
            Object built = visit(s);
            boolean bad = badNumber;
            badNumber = outer;
            if (bad) {
                // The literal was reported; any value put in its place would only cause follow-on errors.
                return dropped(s.getStart(), definedName(s));
            }
            if (built instanceof Statement statement) {
                return statement;
            }
        } catch (RuntimeException broken) {
            // A statement the parser could only recover partially has missing children; it
            // was reported as a syntax error already, so it is simply left out of the AST.
            if (!diagnostics.hasErrors()) {
                throw broken;
            }
        }
        return dropped(s.getStart(), definedName(s));
    }

    private Statement.Dropped dropped(Token first, String name) {
        return new Statement.Dropped(span(first), first.getText(), name);
    }

    /** The name a broken let or param would have defined, so that its uses are not reported too. */
    private static String definedName(PruneParser.StatementContext s) {
        if (s instanceof PruneParser.LetStmtContext l && l.IDENT() != null) {
            return l.IDENT().getText();
        }
        if (s instanceof PruneParser.ParamStmtContext p && p.IDENT() != null) {
            return p.IDENT().getText();
        }
        return null;
    }

    /** True when the parser had to recover somewhere inside this subtree. */
    static boolean broken(org.antlr.v4.runtime.tree.ParseTree tree) {
        if (tree instanceof org.antlr.v4.runtime.tree.ErrorNode) {
            return true;
        }
        if (tree instanceof ParserRuleContext ctx) {
            if (ctx.exception != null) {
                return true;
            }
            for (int i = 0; i < ctx.getChildCount(); i++) {
                if (broken(ctx.getChild(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    Span span(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() != null && ctx.getStop().getTokenIndex() >= start.getTokenIndex()
                ? ctx.getStop() : start;
        return span(start).to(span(stop));
    }

    Span span(Token token) {
        int length = token.getType() == Token.EOF ? 1 : Math.max(1, token.getText().length());
        return new Span(source, token.getLine(), token.getCharPositionInLine() + 1, length);
    }

    Span span(TerminalNode node) {
        return span(node.getSymbol());
    }

    Expr expr(PruneParser.ExprContext ctx) {
        return ctx == null ? null : (Expr) visit(ctx);
    }

    Selector selector(PruneParser.SelectorContext ctx) {
        return ctx == null ? null : (Selector) visit(ctx);
    }

    static String unquote(String literal) {
        String body = literal.substring(1, literal.length() - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char n = body.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // ---- statements -------------------------------------------------------------------------

    @Override
    public Object visitImportStmt(PruneParser.ImportStmtContext ctx) {
        return new Statement.Import(span(ctx), unquote(ctx.STRING().getText()));
    }

    @Override
    public Object visitRequiresStmt(PruneParser.RequiresStmtContext ctx) {
        List<String> needs = new java.util.ArrayList<>();
        java.util.Map<String, String> standIns = new java.util.LinkedHashMap<>();
        for (PruneParser.RequirementContext r : ctx.requirement()) {
            needs.add(r.need.getText());
            if (r.expr() != null) {
                // The stand-in as written: checked as the argument of a model or data statement.
                standIns.put(r.need.getText(), r.expr().getStart().getInputStream().getText(
                        org.antlr.v4.runtime.misc.Interval.of(r.expr().getStart().getStartIndex(),
                                r.expr().getStop().getStopIndex())));
            }
        }
        return new Statement.Requires(span(ctx), needs, standIns);
    }

    @Override
    public Object visitParamStmt(PruneParser.ParamStmtContext ctx) {
        return new Statement.Param(span(ctx), ctx.IDENT().getText(), expr(ctx.expr()));
    }

    @Override
    public Object visitLetStmt(PruneParser.LetStmtContext ctx) {
        return new Statement.Let(span(ctx), ctx.IDENT().getText(), expr(ctx.expr()));
    }

    @Override
    public Object visitSeedStmt(PruneParser.SeedStmtContext ctx) {
        return new Statement.Seed(span(ctx), expr(ctx.expr()));
    }

    @Override
    public Object visitModelStmt(PruneParser.ModelStmtContext ctx) {
        return new Statement.Model(span(ctx), expr(ctx.expr()));
    }

    @Override
    public Object visitDataStmt(PruneParser.DataStmtContext ctx) {
        return new Statement.Data(span(ctx), expr(ctx.expr()));
    }

    @Override
    public Object visitOptimizerStmt(PruneParser.OptimizerStmtContext ctx) {
        return new Statement.Optimizer(span(ctx), expr(ctx.expr()));
    }

    @Override
    public Object visitTrainStmt(PruneParser.TrainStmtContext ctx) {
        return new Statement.Train(span(ctx), expr(ctx.expr(0)), trainingLr(ctx.LR(), ctx.expr()),
                trainingStop(ctx.STOP(), ctx.expr()));
    }

    @Override
    public Object visitRetrainStmt(PruneParser.RetrainStmtContext ctx) {
        return new Statement.Retrain(span(ctx), expr(ctx.expr(0)), trainingLr(ctx.LR(), ctx.expr()),
                trainingStop(ctx.STOP(), ctx.expr()));
    }

    /** The expression after 'lr' in a train or retrain statement: always the second one. */
    private Expr trainingLr(TerminalNode lr, List<PruneParser.ExprContext> exprs) {
        return lr == null ? null : expr(exprs.get(1));
    }

    /** The expression after 'stop': the last one. */
    private Expr trainingStop(TerminalNode stop, List<PruneParser.ExprContext> exprs) {
        return stop == null ? null : expr(exprs.get(exprs.size() - 1));
    }

    @Override
    public Object visitScratchStmt(PruneParser.ScratchStmtContext ctx) {
        return new Statement.Scratch(span(ctx), expr(ctx.expr(0)), ctx.LR() == null ? null : expr(ctx.expr(1)));
    }

    @Override
    public Object visitPruneStmt(PruneParser.PruneStmtContext ctx) {
        return clauses.build(ctx);
    }

    @Override
    public Object visitLrStmt(PruneParser.LrStmtContext ctx) {
        return new Statement.Lr(span(ctx), expr(ctx.expr()));
    }

    @Override
    public Object visitPenaltyStmt(PruneParser.PenaltyStmtContext ctx) {
        return new Statement.Penalty(span(ctx), ctx.expr() == null ? null : expr(ctx.expr()));
    }

    @Override
    public Object visitRewindStmt(PruneParser.RewindStmtContext ctx) {
        if (ctx.NONE() != null) {
            return new Statement.Rewind(span(ctx), null, null, false);
        }
        Unit point = ctx.point == null ? null : ctx.point.getType() == PruneParser.EPOCH ? Unit.EPOCHS : Unit.ITERATIONS;
        return new Statement.Rewind(span(ctx), expr(ctx.expr()), point, ctx.WITH() != null);
    }

    @Override
    public Object visitCheckpointStmt(PruneParser.CheckpointStmtContext ctx) {
        return new Statement.Checkpoint(span(ctx), ctx.IDENT().getText());
    }

    @Override
    public Object visitFreezeStmt(PruneParser.FreezeStmtContext ctx) {
        return new Statement.Freeze(span(ctx), selector(ctx.selector()));
    }

    @Override
    public Object visitUnfreezeStmt(PruneParser.UnfreezeStmtContext ctx) {
        return new Statement.Unfreeze(span(ctx), selector(ctx.selector()));
    }

    @Override
    public Object visitFinetuneStmt(PruneParser.FinetuneStmtContext ctx) {
        return new Statement.Finetune(span(ctx), expr(ctx.expr()));
    }

    @Override
    public Object visitRunUntilStmt(PruneParser.RunUntilStmtContext ctx) {
        return new Statement.RunUntil(span(ctx), expr(ctx.expr(0)), expr(ctx.expr(1)));
    }

    @Override
    public Object visitRunStmt(PruneParser.RunStmtContext ctx) {
        return new Statement.RunCycles(span(ctx), expr(ctx.expr()));
    }

    @Override
    public Object visitEvaluateStmt(PruneParser.EvaluateStmtContext ctx) {
        return new Statement.Evaluate(span(ctx));
    }

    @Override
    public Object visitReportStmt(PruneParser.ReportStmtContext ctx) {
        return new Statement.Report(span(ctx));
    }

    @Override
    public Object visitSaveStmt(PruneParser.SaveStmtContext ctx) {
        return new Statement.Save(span(ctx), unquote(ctx.STRING().getText()));
    }

    @Override
    public Object visitCompactStmt(PruneParser.CompactStmtContext ctx) {
        return new Statement.Compact(span(ctx), ctx.STRING() == null ? null : unquote(ctx.STRING().getText()));
    }

    @Override
    public Object visitExpectStmt(PruneParser.ExpectStmtContext ctx) {
        List<Statement.VariantPart> variant = ctx.variantRef().stream()
                .map(v -> new Statement.VariantPart(span(v), v.IDENT().getText(), expr(v.expr()))).toList();
        return new Statement.Expect(span(ctx), expr(ctx.expr(0)), ctx.AT() == null ? null : expr(ctx.expr(1)), variant);
    }

    @Override
    public Object visitSweepStmt(PruneParser.SweepStmtContext ctx) {
        return new Statement.Sweep(span(ctx), ctx.IDENT().getText(), ctx.expr() == null ? null : expr(ctx.expr()),
                statements(ctx.block()));
    }

    @Override
    public Object visitVariantStmt(PruneParser.VariantStmtContext ctx) {
        return new Statement.Variant(span(ctx), ctx.IDENT().getText(), statements(ctx.block()));
    }

    // ---- selectors --------------------------------------------------------------------------

    @Override
    public Object visitWhereSelector(PruneParser.WhereSelectorContext ctx) {
        return new Selector.Where(span(ctx), expr(ctx.expr()));
    }

    @Override
    public Object visitRangeSelector(PruneParser.RangeSelectorContext ctx) {
        return new Selector.Range(span(ctx), expr(ctx.expr(0)), expr(ctx.expr(1)));
    }

    @Override
    public Object visitListSelector(PruneParser.ListSelectorContext ctx) {
        return new Selector.Listed(span(ctx), ctx.expr().stream().map(this::expr).toList());
    }

    @Override
    public Object visitAllSelector(PruneParser.AllSelectorContext ctx) {
        return new Selector.All(span(ctx));
    }

    @Override
    public Object visitFractionSelector(PruneParser.FractionSelectorContext ctx) {
        Expr condition = ctx.expr().size() > 1 ? expr(ctx.expr(1)) : null;
        return new Selector.Fraction(span(ctx), expr(ctx.percent), condition);
    }

    @Override
    public Object visitNameSelector(PruneParser.NameSelectorContext ctx) {
        if (ctx.IDENT().size() == 1) {
            return new Selector.Named(span(ctx), ctx.IDENT(0).getText());
        }
        // 'except first, last': several names are the list selector of those names.
        return new Selector.Listed(span(ctx), ctx.IDENT().stream()
                .map(id -> (Expr) new Expr.Name(span(id), id.getText())).toList());
    }

    @Override
    public Object visitStringSelector(PruneParser.StringSelectorContext ctx) {
        return new Selector.Named(span(ctx), unquote(ctx.STRING().getText()));
    }

    // ---- expressions ------------------------------------------------------------------------

    @Override
    public Object visitNegExpr(PruneParser.NegExprContext ctx) {
        Expr operand = expr(ctx.expr());
        if (operand instanceof Expr.Num n) {
            return new Expr.Num(span(ctx), -n.value(), n.unit());
        }
        return new Expr.Unary(span(ctx), Expr.Op.NEG, operand);
    }

    @Override
    public Object visitNotExpr(PruneParser.NotExprContext ctx) {
        return new Expr.Unary(span(ctx), Expr.Op.NOT, expr(ctx.expr()));
    }

    @Override
    public Object visitMulExpr(PruneParser.MulExprContext ctx) {
        return binary(ctx, ctx.op, ctx.expr(0), ctx.expr(1));
    }

    @Override
    public Object visitAddExpr(PruneParser.AddExprContext ctx) {
        return binary(ctx, ctx.op, ctx.expr(0), ctx.expr(1));
    }

    @Override
    public Object visitCmpExpr(PruneParser.CmpExprContext ctx) {
        return binary(ctx, ctx.op, ctx.expr(0), ctx.expr(1));
    }

    @Override
    public Object visitAndExpr(PruneParser.AndExprContext ctx) {
        return new Expr.Binary(span(ctx), Expr.Op.AND, expr(ctx.expr(0)), expr(ctx.expr(1)));
    }

    @Override
    public Object visitOrExpr(PruneParser.OrExprContext ctx) {
        return new Expr.Binary(span(ctx), Expr.Op.OR, expr(ctx.expr(0)), expr(ctx.expr(1)));
    }

    private Expr binary(ParserRuleContext ctx, Token op, PruneParser.ExprContext l, PruneParser.ExprContext r) {
        Expr.Op kind;
        switch (op.getText()) {
            case "*": kind = Expr.Op.MUL; break;
            case "/": kind = Expr.Op.DIV; break;
            case "+": kind = Expr.Op.ADD; break;
            case "-": kind = Expr.Op.SUB; break;
            case "<": kind = Expr.Op.LT; break;
            case "<=": kind = Expr.Op.LE; break;
            case ">": kind = Expr.Op.GT; break;
            case ">=": kind = Expr.Op.GE; break;
            case "==": kind = Expr.Op.EQ; break;
            default: kind = Expr.Op.NE; break;
        }
        return new Expr.Binary(span(ctx), kind, expr(l), expr(r));
    }

    @Override
    public Object visitNumberExpr(PruneParser.NumberExprContext ctx) {
        double value;
        try {
            value = Double.parseDouble(ctx.NUMBER().getText());
        } catch (NumberFormatException e) {
            diagnostics.error(span(ctx), "'" + ctx.NUMBER().getText() + "' is not a number");
            badNumber = true;
            value = 0;
        }
        if (Double.isInfinite(value)) {
            diagnostics.error(span(ctx), ctx.NUMBER().getText() + " is beyond the range of numbers (about 1.8e308)");
            badNumber = true;
            value = 0;
        } else if (value == 0 && ctx.NUMBER().getText().split("[eE]")[0].matches(".*[1-9].*")) {
            // Below the smallest double the literal would silently become 0, and a check such as
            // 'must be > 0, got 0' would then speak of a number the recipe never wrote.
            diagnostics.error(span(ctx), ctx.NUMBER().getText() + " is too close to zero to be a number "
                    + "(the smallest is about 4.9e-324); write 0 or a larger number");
            badNumber = true;
        }
        Unit unit = ctx.unit == null ? Unit.NONE : Unit.fromText(ctx.unit.getText());
        return new Expr.Num(span(ctx), value, unit);
    }

    @Override
    public Object visitStringExpr(PruneParser.StringExprContext ctx) {
        return new Expr.Str(span(ctx), unquote(ctx.STRING().getText()));
    }

    @Override
    public Object visitTrueExpr(PruneParser.TrueExprContext ctx) {
        return new Expr.Bool(span(ctx), true);
    }

    @Override
    public Object visitFalseExpr(PruneParser.FalseExprContext ctx) {
        return new Expr.Bool(span(ctx), false);
    }

    @Override
    public Object visitCallExpr(PruneParser.CallExprContext ctx) {
        List<Expr.Arg> args = new ArrayList<>();
        for (PruneParser.ArgContext a : ctx.arg()) {
            String name = a.argName() == null ? null : a.argName().getText();
            args.add(new Expr.Arg(span(a), name, expr(a.expr())));
        }
        return new Expr.Call(span(ctx), ctx.IDENT().getText(), span(ctx.IDENT()), args);
    }

    @Override
    public Object visitNameExpr(PruneParser.NameExprContext ctx) {
        return new Expr.Name(span(ctx), ctx.name.getText());
    }

    @Override
    public Object visitListExpr(PruneParser.ListExprContext ctx) {
        return new Expr.ListLit(span(ctx), ctx.expr().stream().map(this::expr).toList());
    }

    @Override
    public Object visitParenExpr(PruneParser.ParenExprContext ctx) {
        return expr(ctx.expr());
    }
}

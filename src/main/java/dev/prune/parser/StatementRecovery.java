package dev.prune.parser;

import dev.prune.parser.gen.PruneLexer;
import dev.prune.parser.gen.PruneParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Error recovery by statement: a syntax error skips to the end of its statement (a new line or
 * ';' outside brackets, or the '}' closing the block it is in) and parsing goes on with the next
 * one, so every syntax error of a file is reported once and every statement that parsed reaches
 * the checker. ANTLR's default resynchronizes on any token that may follow some rule on the stack
 * (a 'by' or an 'lr' in the middle of a line), which reports errors the first one caused.
 */
final class StatementRecovery extends DefaultErrorStrategy {
    /** The first token of each stretch skipped where a statement should have started. */
    private final List<Token> skipped = new ArrayList<>();

    List<Token> skipped() {
        return skipped;
    }

    @Override
    public void recover(Parser parser, RecognitionException e) {
        skipToStatementEnd(parser);
    }

    /**
     * Before each statement of a recipe or block: a token that cannot start one is reported and
     * the rest of its statement skipped. Inside statements nothing is done here; a mismatch there
     * throws and {@link #recover} skips the statement.
     */
    @Override
    public void sync(Parser parser) {
        ParserRuleContext ctx = parser.getContext();
        if (!(ctx instanceof PruneParser.RecipeContext || ctx instanceof PruneParser.BlockContext)) {
            return;
        }
        Token token = parser.getCurrentToken();
        int type = token.getType();
        if (type == Token.EOF || type == PruneLexer.NEWLINE || type == PruneLexer.SEMI) {
            return;
        }
        IntervalSet expecting = parser.getATN().nextTokens(parser.getInterpreter().atn.states.get(parser.getState()));
        if (expecting.contains(type) && type != PruneLexer.RBRACE) {
            return;
        }
        if (type == PruneLexer.RBRACE && ctx instanceof PruneParser.BlockContext) {
            return;
        }
        if (inErrorRecoveryMode(parser)) {
            skipToStatementEnd(parser);
            return;
        }
        beginErrorCondition(parser);
        skipped.add(token);
        parser.notifyErrorListeners(token, "junk", null);
        skipToStatementEnd(parser);
    }

    @Override
    public Token recoverInline(Parser parser) throws RecognitionException {
        Token token = parser.getCurrentToken();
        // Never delete or invent a statement end: that would join two statements into one.
        if (token.getType() == PruneLexer.NEWLINE || token.getType() == PruneLexer.SEMI) {
            throw new org.antlr.v4.runtime.InputMismatchException(parser);
        }
        // A name not followed by '{' is no named block but a misspelt statement ('prnue l1 ...'):
        // never invent the '{', or the rest of the file would become its block.
        if (parser.getContext() instanceof PruneParser.BlockContext block && block.getChildCount() == 0
                && block.getParent() instanceof PruneParser.VariantStmtContext) {
            throw new org.antlr.v4.runtime.InputMismatchException(parser);
        }
        return super.recoverInline(parser);
    }

    /** Consumes up to (not including) the end of the statement the parser is in. */
    private static void skipToStatementEnd(Parser parser) {
        boolean inBlock = false;
        for (ParserRuleContext c = parser.getContext(); c != null; c = c.getParent()) {
            if (c instanceof PruneParser.BlockContext) {
                inBlock = true;
                break;
            }
        }
        int braces = 0;
        while (true) {
            int type = parser.getInputStream().LA(1);
            if (type == Token.EOF) {
                return;
            }
            if (braces == 0 && (type == PruneLexer.NEWLINE || type == PruneLexer.SEMI)) {
                return;
            }
            if (type == PruneLexer.LBRACE) {
                braces++;
            } else if (type == PruneLexer.RBRACE) {
                if (braces == 0 && inBlock) {
                    return;
                }
                braces = Math.max(0, braces - 1);
            }
            parser.consume();
        }
    }
}

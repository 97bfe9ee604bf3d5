package dev.prune.parser;

import dev.prune.parser.gen.PruneLexer;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;

/**
 * Hides newlines inside parentheses and brackets, so that a call or a list may span lines while a
 * newline elsewhere still ends a statement. The lexer cannot do this alone: it has no nesting.
 *
 * <p>An unclosed bracket must not swallow the rest of the file: a line inside brackets that starts
 * in the first column with a statement word (not a parameter name, so not followed by '=') ends the
 * brackets, and the parser reports the missing ')' or ']' on the line before. So does a line that
 * starts in the first column with a name followed by a name or number ({@code prnue l1 ...}).
 */
final class NewlineFilter implements TokenSource {
    private static final java.util.Set<Integer> STATEMENT_STARTS = java.util.Set.of(PruneLexer.IMPORT,
            PruneLexer.PARAM, PruneLexer.LET, PruneLexer.SEED, PruneLexer.MODEL, PruneLexer.DATA,
            PruneLexer.OPTIMIZER, PruneLexer.TRAIN, PruneLexer.RETRAIN, PruneLexer.SCRATCH, PruneLexer.PRUNE,
            PruneLexer.LR, PruneLexer.REWIND, PruneLexer.CHECKPOINT, PruneLexer.FREEZE, PruneLexer.UNFREEZE,
            PruneLexer.FINETUNE, PruneLexer.RUN, PruneLexer.EVALUATE, PruneLexer.REPORT, PruneLexer.SAVE,
            PruneLexer.COMPACT, PruneLexer.EXPECT, PruneLexer.SWEEP, PruneLexer.REQUIRES);
    private final PruneLexer lexer;
    private final java.util.ArrayDeque<Token> ahead = new java.util.ArrayDeque<>();
    private int depth;
    /** The last token passed on the default channel, to end a statement before a '}' on its line. */
    private Token last;

    NewlineFilter(PruneLexer lexer) {
        this.lexer = lexer;
    }

    @Override
    public Token nextToken() {
        Token token = filtered();
        if (token.getType() == PruneLexer.RBRACE && depth == 0 && last != null
                && last.getType() != PruneLexer.NEWLINE && last.getType() != PruneLexer.SEMI
                && last.getType() != PruneLexer.LBRACE) {
            // 'sweep x in [1, 2] { run 1 cycle }': the statement ends before the '}'
            ahead.addFirst(token);
            org.antlr.v4.runtime.CommonToken end = new org.antlr.v4.runtime.CommonToken(token);
            end.setType(PruneLexer.NEWLINE);
            end.setText("");
            end.setStopIndex(end.getStartIndex() - 1);
            token = end;
        }
        if (token.getChannel() == Token.DEFAULT_CHANNEL) {
            last = token;
        }
        return token;
    }

    private Token filtered() {
        while (true) {
            Token token = next();
            switch (token.getType()) {
                case PruneLexer.LPAREN:
                case PruneLexer.LBRACK:
                    depth++;
                    return token;
                case PruneLexer.RPAREN:
                case PruneLexer.RBRACK:
                    depth = Math.max(0, depth - 1);
                    return token;
                case PruneLexer.NEWLINE:
                    if (depth > 0 && !statementFollows()) {
                        continue;
                    }
                    depth = 0;
                    return token;
                default:
                    return token;
            }
        }
    }

    private Token next() {
        return ahead.isEmpty() ? lexer.nextToken() : ahead.poll();
    }

    /** After a newline: the next line starts in column 1 with a statement word not followed by '='. */
    private boolean statementFollows() {
        Token first = visible(0);
        if (first == null || first.getCharPositionInLine() != 0) {
            return false;
        }
        Token second = visible(1);
        if (STATEMENT_STARTS.contains(first.getType())) {
            return second == null || second.getType() != PruneLexer.ASSIGN;
        }
        // a misspelt statement word: a name followed by a name or a number, which no argument is
        return first.getType() == PruneLexer.IDENT && second != null && second.getLine() == first.getLine()
                && (second.getType() == PruneLexer.IDENT || second.getType() == PruneLexer.NUMBER);
    }

    /** The n-th token ahead on the default channel (newlines count), read into the buffer. */
    private Token visible(int n) {
        int seen = 0;
        java.util.Iterator<Token> it = ahead.iterator();
        while (true) {
            Token t;
            if (it != null && it.hasNext()) {
                t = it.next();
            } else {
                it = null;
                t = lexer.nextToken();
                ahead.add(t);
            }
            if (t.getType() == Token.EOF) {
                return null;
            }
            if (t.getChannel() == Token.DEFAULT_CHANNEL && t.getType() != PruneLexer.NEWLINE) {
                if (seen++ == n) {
                    return t;
                }
            } else if (t.getType() == PruneLexer.NEWLINE && n == 0 && seen == 0) {
                return null;
            }
        }
    }

    @Override
    public int getLine() {
        return lexer.getLine();
    }

    @Override
    public int getCharPositionInLine() {
        return lexer.getCharPositionInLine();
    }

    @Override
    public CharStream getInputStream() {
        return lexer.getInputStream();
    }

    @Override
    public String getSourceName() {
        return lexer.getSourceName();
    }

    @Override
    public void setTokenFactory(TokenFactory<?> factory) {
        lexer.setTokenFactory(factory);
    }

    @Override
    public TokenFactory<?> getTokenFactory() {
        return lexer.getTokenFactory();
    }
}

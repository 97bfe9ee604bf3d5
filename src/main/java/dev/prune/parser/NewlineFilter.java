package dev.prune.parser;

import dev.prune.parser.gen.PruneLexer;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;

/**
 * Hides newlines inside parentheses and brackets, so that a call or a list may span lines while a
 * newline elsewhere still ends a statement. The lexer cannot do this alone: it has no nesting.
 */
final class NewlineFilter implements TokenSource {
    private final PruneLexer lexer;
    private int depth;

    NewlineFilter(PruneLexer lexer) {
        this.lexer = lexer;
    }

    @Override
    public Token nextToken() {
        while (true) {
            Token token = lexer.nextToken();
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
                    if (depth > 0) {
                        continue;
                    }
                    return token;
                default:
                    return token;
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

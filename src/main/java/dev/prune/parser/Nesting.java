package dev.prune.parser;

import dev.prune.parser.gen.PruneLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Bounds on how deep a recipe nests, checked on the tokens before parsing. The parser, the AST
 * builder and the checker all recurse once per level, so 700 brackets or 3,200 minus signs would
 * overflow the stack; no real recipe comes near these limits.
 */
final class Nesting {
    /** Brackets, braces and prefix signs open at once. */
    static final int MAX_DEPTH = 100;
    /** Operators in one statement: a chain {@code 1+1+…} nests its AST one level per operator. */
    static final int MAX_OPERATORS = 2000;

    /** Where a limit is passed, and how. */
    record Excess(Token token, String message) {}

    private Nesting() {}

    /** The first place the text passes a limit, or null. */
    static Excess check(String text) {
        PruneLexer lexer = new PruneLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        int brackets = 0;
        int signs = 0;
        int operators = 0;
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            switch (t.getType()) {
                case PruneLexer.LPAREN, PruneLexer.LBRACK, PruneLexer.LBRACE -> brackets++;
                case PruneLexer.RPAREN, PruneLexer.RBRACK, PruneLexer.RBRACE -> brackets = Math.max(0, brackets - 1);
                default -> { }
            }
            boolean sign = t.getType() == PruneLexer.MINUS || t.getType() == PruneLexer.NOT
                    || t.getType() == PruneLexer.PLUS;
            signs = sign ? signs + 1 : 0;
            if (sign || t.getType() == PruneLexer.STAR || t.getType() == PruneLexer.SLASH
                    || t.getType() == PruneLexer.AND || t.getType() == PruneLexer.OR) {
                operators++;
            }
            if ((t.getType() == PruneLexer.NEWLINE || t.getType() == PruneLexer.SEMI) && brackets == 0) {
                operators = 0;
            }
            if (brackets + signs > MAX_DEPTH) {
                return new Excess(t, "this nests deeper than " + MAX_DEPTH + " levels of brackets and signs; "
                        + "write the expression in steps, e.g. with let");
            }
            if (operators > MAX_OPERATORS) {
                return new Excess(t, "this statement has more than " + MAX_OPERATORS + " operators; write the "
                        + "expression in steps, e.g. with let");
            }
        }
        return null;
    }
}

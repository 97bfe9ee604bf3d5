package dev.prune.parser;

import dev.prune.parser.gen.PruneLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;

/** The grammar's lexer over any text, hidden tokens included, as plain {@link Lexeme}s. */
public final class Lexemes {
    private Lexemes() {}

    public static List<Lexeme> of(String text) {
        PruneLexer lexer = new PruneLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Lexeme> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            out.add(new Lexeme(kind(t.getType()), t.getText(), t.getStartIndex(), t.getLine(),
                    t.getCharPositionInLine()));
        }
        return out;
    }

    /** Every reserved word of the language, in the grammar's order. */
    public static List<String> keywords() {
        List<String> words = new ArrayList<>();
        Vocabulary v = PruneLexer.VOCABULARY;
        for (int type = 1; type <= v.getMaxTokenType(); type++) {
            String word = word(v, type);
            if (word != null) {
                words.add(word);
            }
        }
        return words;
    }

    static Lexeme.Kind kind(int type) {
        switch (type) {
            case PruneLexer.IDENT: return Lexeme.Kind.NAME;
            case PruneLexer.NUMBER: return Lexeme.Kind.NUMBER;
            case PruneLexer.STRING: return Lexeme.Kind.STRING;
            case PruneLexer.COMMENT: return Lexeme.Kind.COMMENT;
            case PruneLexer.WS: return Lexeme.Kind.SPACE;
            case PruneLexer.NEWLINE: return Lexeme.Kind.NEWLINE;
            case PruneLexer.CONTINUATION: return Lexeme.Kind.CONTINUATION;
            case PruneLexer.ERRCHAR: return Lexeme.Kind.ERROR;
            default:
                return word(PruneLexer.VOCABULARY, type) != null ? Lexeme.Kind.KEYWORD : Lexeme.Kind.SYMBOL;
        }
    }

    /** The keyword a token type stands for, or null for names, numbers and symbols. */
    private static String word(Vocabulary v, int type) {
        String literal = v.getLiteralName(type);
        if (literal == null || literal.length() < 3) {
            return null;
        }
        String word = literal.substring(1, literal.length() - 1);
        return Character.isLetter(word.charAt(0)) ? word : null;
    }
}

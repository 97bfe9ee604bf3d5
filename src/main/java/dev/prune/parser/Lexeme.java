package dev.prune.parser;

/**
 * One token of a recipe's text as the lexer sees it, hidden ones included: what the formatter and
 * the REPL's highlighter work on, without seeing ANTLR types. {@code start} is the offset in the
 * text; {@code line} is 1-based and {@code column} 0-based, in characters.
 */
public record Lexeme(Kind kind, String text, int start, int line, int column) {

    public enum Kind {
        /** A reserved word: {@code prune}, {@code every}, {@code epochs}, {@code and}... */
        KEYWORD,
        NAME,
        NUMBER,
        STRING,
        /** {@code # ...} to the end of the line, without the line break. */
        COMMENT,
        /** Spaces and tabs. */
        SPACE,
        NEWLINE,
        /** A trailing backslash and the line break it hides. */
        CONTINUATION,
        /** Operators and punctuation: {@code ( ) [ ] { } , ; = % .. + - * / < <= > >= == !=}. */
        SYMBOL,
        /** A character the language does not use. */
        ERROR
    }

    public int end() {
        return start + text.length();
    }

    public boolean is(String symbol) {
        return (kind == Kind.SYMBOL || kind == Kind.KEYWORD) && text.equals(symbol);
    }
}

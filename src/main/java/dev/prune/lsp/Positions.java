package dev.prune.lsp;

import dev.prune.source.Span;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Between the recipe's positions (1-based line and column, as {@code prune check} prints them) and
 * the protocol's (0-based line and character).
 */
final class Positions {
    private Positions() {}

    static Range range(Span span) {
        if (span.isNone()) {
            return new Range(new Position(0, 0), new Position(0, 0));
        }
        int line = span.line() - 1;
        int column = span.column() - 1;
        return new Range(new Position(line, column), new Position(line, column + Math.max(1, span.length())));
    }

    /** The offset in {@code text} of a protocol position; past the end of a line means its end. */
    static int offset(String text, Position p) {
        int at = 0;
        for (int line = 0; line < p.getLine(); line++) {
            int next = text.indexOf('\n', at);
            if (next < 0) {
                return text.length();
            }
            at = next + 1;
        }
        int end = text.indexOf('\n', at);
        int lineEnd = end < 0 ? text.length() : end;
        return Math.min(lineEnd, at + Math.max(0, p.getCharacter()));
    }

    /** The protocol position of an offset in {@code text}. */
    static Position position(String text, int offset) {
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, offset - lineStart);
    }

    /** From the start of {@code text} to its end: what a whole-document edit replaces. */
    static Range whole(String text) {
        return new Range(new Position(0, 0), position(text, text.length()));
    }
}

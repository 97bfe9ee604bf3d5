package dev.prune.source;

/**
 * A range of source text: 1-based line and column of its first character, and its length on that
 * line (what the caret underlines). Spans from imported files carry their own file.
 */
public record Span(SourceFile file, int line, int column, int length) {

    /** For values that come from the command line or the builtins rather than from a file. */
    public static Span none() {
        return NONE;
    }

    private static final Span NONE = new Span(new SourceFile("<none>", ""), 0, 0, 0);

    public boolean isNone() {
        return line == 0;
    }

    /** The smallest span on this span's line that covers both (used to span a whole statement). */
    public Span to(Span end) {
        if (end.file != file || end.line != line) {
            return new Span(file, line, column, Math.max(1, file.line(line).length() - column + 1));
        }
        return new Span(file, line, column, Math.max(1, end.column + end.length - column));
    }

    public String where() {
        return file.name() + ":" + line + ":" + column;
    }
}

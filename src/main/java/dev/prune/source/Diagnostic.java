package dev.prune.source;

/** One problem found in a recipe: lower case, no final period, the fact and what was expected. */
public record Diagnostic(Severity severity, Span span, String message) {

    public enum Severity {
        ERROR, WARNING;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Diagnostic error(Span span, String message) {
        return new Diagnostic(Severity.ERROR, span, message);
    }

    public static Diagnostic warning(Span span, String message) {
        return new Diagnostic(Severity.WARNING, span, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: error: message}, then the source line and a caret under the span. */
    public String render() {
        if (span.isNone()) {
            return severity.label() + ": " + message;
        }
        String source = span.file().line(span.line());
        StringBuilder out = new StringBuilder();
        out.append(span.where()).append(": ").append(severity.label()).append(": ").append(message);
        out.append('\n').append(source).append('\n');
        for (int i = 1; i < span.column(); i++) {
            out.append(i <= source.length() && source.charAt(i - 1) == '\t' ? '\t' : ' ');
        }
        int width = Math.max(1, Math.min(span.length(), Math.max(1, source.length() - span.column() + 1)));
        out.append("^").append("~".repeat(width - 1));
        return out.toString();
    }
}

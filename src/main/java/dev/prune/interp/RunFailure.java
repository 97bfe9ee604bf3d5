package dev.prune.interp;

import dev.prune.source.Span;

/** A run that cannot go on: one sentence saying what and where, and the statement it happened at. */
public class RunFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Span span;

    public RunFailure(Span span, String message) {
        super(message);
        this.span = span;
    }

    public Span span() {
        return span;
    }

    /** {@code file:line:col: error: message} when the statement is known. */
    public String render() {
        return span == null || span.isNone() ? "error: " + getMessage() : span.where() + ": error: " + getMessage();
    }
}

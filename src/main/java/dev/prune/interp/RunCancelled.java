package dev.prune.interp;

import dev.prune.source.Span;

/**
 * Training stopped because it was asked to (Ctrl-C in the REPL). With undo on (see {@link
 * Interpreter#undoOnCancel}) the run is as it was before the cycle or training that was stopped.
 */
public final class RunCancelled extends RunFailure {
    private static final long serialVersionUID = 1L;

    public RunCancelled(Span span, String message) {
        super(span, message);
    }
}

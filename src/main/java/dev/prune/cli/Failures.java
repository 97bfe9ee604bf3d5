package dev.prune.cli;

/** One sentence for an unexpected failure, from the innermost cause that says something. */
final class Failures {
    private Failures() {}

    static String sentence(Throwable e) {
        Throwable t = e;
        String message = null;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int line = message.indexOf('\n');
        return line < 0 ? message : message.substring(0, line);
    }
}

package dev.prune.repl;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The read-eval-print loop: entries from an {@link Input}, statements to the {@link Session},
 * lines starting with ':' to {@link Commands}. The same loop serves a terminal (JLine) and piped
 * input, so a scripted session behaves as a typed one.
 */
public final class Repl {
    public static final String PROMPT = "prune> ";
    public static final String MORE = "  ...> ";

    /** Where entries come from: a whole entry at a time, continuation lines included. */
    public interface Input {
        /** The next entry, or null when the input has ended (Ctrl-D, end of file, :quit read elsewhere). */
        String entry();

        /** What positions in the last entry are shown under: {@code <repl>} for typed entries. */
        default String name() {
            return "<repl>";
        }

        /** The line the last entry started on in the input, for positions; each typed entry starts at 1. */
        default int firstLine() {
            return 1;
        }
    }

    private final Session session;
    private final PrintWriter out;
    private int errors;
    private int failures;

    public Repl(Session session, PrintWriter out) {
        this.session = session;
        this.out = out;
    }

    /** Runs until the input ends or :quit; loads {@code recipe} first when given. */
    public void run(Input input, Path recipe) {
        if (recipe != null) {
            count(session.load(recipe));
            out.flush();
        }
        while (true) {
            String entry = input.entry();
            if (entry == null) {
                break;
            }
            if (entry.isBlank()) {
                continue;
            }
            if (entry.strip().startsWith(":")) {
                boolean go = Commands.run(session, entry, out);
                out.flush();
                if (!go) {
                    break;
                }
                continue;
            }
            count(session.eval(entry, input.name(), input.firstLine()));
            out.flush();
        }
        out.flush();
    }

    private void count(Session.Outcome outcome) {
        if (outcome == Session.Outcome.ERROR) {
            errors++;
        } else if (outcome == Session.Outcome.FAILED) {
            failures++;
        }
    }

    /** Entries with recipe errors so far. */
    public int errors() {
        return errors;
    }

    /** Entries whose run failed so far. */
    public int failures() {
        return failures;
    }
}

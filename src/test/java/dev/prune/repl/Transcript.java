package dev.prune.repl;

import dev.prune.engine.Engine;
import dev.prune.interp.RunListener;
import dev.prune.report.Console;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Plays a session file through the REPL as if typed and returns what the screen would show:
 * each line after its prompt, then the output. Besides REPL input, a session file may hold
 * <ul>
 *   <li>{@code <TAB>} at the end of a line: Tab pressed there; the candidates are shown and the
 *       line is not entered;</li>
 *   <li>{@code !stop PHASE}: Ctrl-C as soon as the training of PHASE ("train", "cycle 2") has done
 *       its first iteration;</li>
 *   <li>{@code !cat FILE}: the file, as {@code cat} would show it.</li>
 * </ul>
 * The seconds column of the cycle table is shown as {@code ?} since it is wall time.
 */
final class Transcript {
    static final String TAB = "<TAB>";

    private final Path workdir;
    private final Supplier<Engine> engines;
    private final StringWriter screen = new StringWriter();
    private final PrintWriter out = new PrintWriter(screen, true);
    private volatile boolean cancel;
    private volatile String stopIn;
    private Session session;

    Transcript(Path workdir, Supplier<Engine> engines) {
        this.workdir = workdir;
        this.engines = engines;
    }

    String play(String input) {
        RunListener stopper = new RunListener() {
            @Override
            public void progress(String phase, int iteration, int total, double loss) {
                if (phase.equals(stopIn) && iteration >= 1) {
                    cancel = true;
                    stopIn = null;
                }
            }
        };
        session = new Session(new Session.Setup(engines, 1, workdir, Path.of("run"), out, new Console(out, false),
                stopper, () -> cancel));
        try {
            new Repl(session, out).run(new Typed(input), null);
        } finally {
            session.close();
        }
        return masked(screen.toString().replace(workdir.toAbsolutePath().toString(), "<work>"));
    }

    Session session() {
        return session;
    }

    /** The seconds column of cycle rows: "    1    20.00%  ...  1.00       0.1" ends in wall time. */
    static String masked(String text) {
        return text.lines().map(l -> l.matches("\\s*\\d+\\s+\\d+\\.\\d\\d%\\s+\\d+\\.\\d\\d%.*\\s\\d+\\.\\d")
                ? l.replaceAll("\\d+\\.\\d$", "?") : l).collect(Collectors.joining("\n", "", "\n"));
    }

    /** Lines of a session file, entered one by one with their prompts echoed. */
    private final class Typed extends LinesInput {
        Typed(String input) {
            super(new BufferedReader(new StringReader(input)));
        }

        @Override
        protected String line(String prompt) {
            while (true) {
                String line = super.line(prompt);
                if (line == null) {
                    return null;
                }
                if (line.endsWith(TAB)) {
                    String before = line.substring(0, line.length() - TAB.length());
                    out.println(prompt + before + "<TAB>");
                    // On a continuation line Tab sees the entry's earlier lines too, as in the terminal.
                    Completion.Result r = Completion.complete(session, prompt.equals(Repl.MORE)
                            ? pending() + "\n" + before : before);
                    out.println(r.candidates().isEmpty() ? "  (no candidates)" : "  " + String.join("  ", r.values()));
                    continue;
                }
                if (line.startsWith("!stop ")) {
                    stopIn = line.substring("!stop ".length());
                    cancel = false;
                    out.println("(Ctrl-C during " + stopIn + ")");
                    continue;
                }
                if (line.startsWith("!cat ")) {
                    cat(line.substring("!cat ".length()));
                    continue;
                }
                out.println(prompt + line);
                cancel = false;
                return line;
            }
        }
    }

    private void cat(String name) {
        try {
            out.println("$ cat " + name);
            out.print(Files.readString(workdir.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

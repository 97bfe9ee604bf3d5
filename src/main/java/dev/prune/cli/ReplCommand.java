package dev.prune.cli;

import dev.prune.dl4j.Dl4jEngine;
import dev.prune.report.Console;
import dev.prune.repl.LinesInput;
import dev.prune.repl.Repl;
import dev.prune.repl.Session;
import dev.prune.repl.TerminalInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code prune repl [RECIPE]}: statements one entry at a time on a live model. On a terminal it
 * uses JLine; with piped input it reads entries from standard input and prints the results, and
 * exits 2 if an entry had recipe errors, 1 if a run failed.
 */
@Command(name = "repl", description = "Work with a model interactively, statement by statement.")
final class ReplCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "RECIPE", description = "a recipe to run first")
    Path recipe;

    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default runs/repl-<time>), "
            + "made when the first network is built")
    Path out;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "ND4J threads (default 1)")
    int threads;

    @Option(names = "--history", paramLabel = "FILE", description = "history file (default ~/.prune_history)")
    Path history;

    @Option(names = "--debug", description = "show stack traces")
    boolean debug;

    @Override
    public Integer call() throws IOException {
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        Path dir = out != null ? out : Path.of("runs", "repl-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        AtomicBoolean cancel = new AtomicBoolean();
        if (System.console() == null) {
            PrintWriter writer = spec.commandLine().getOut();
            try (Session session = new Session(new Session.Setup(Dl4jEngine::new, threads, Path.of("").toAbsolutePath(), dir, writer,
                    new Console(writer, false), null, cancel::get))) {
                Repl repl = new Repl(session, writer);
                repl.run(new LinesInput(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                        "<stdin>"), recipe);
                return repl.failures() > 0 ? Main.RUN_FAILED : repl.errors() > 0 ? Main.RECIPE_ERROR : Main.OK;
            }
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            PrintWriter writer = terminal.writer();
            try (Session session = new Session(new Session.Setup(Dl4jEngine::new, threads, Path.of("").toAbsolutePath(), dir, writer,
                    new Console(writer, true), null, cancel::get))) {
                writer.println("prune repl: statements as in a recipe, :help for commands, Ctrl-D to leave");
                Path file = history != null ? history : Path.of(System.getProperty("user.home"), ".prune_history");
                new Repl(session, writer).run(new TerminalInput(terminal, session, file, cancel), recipe);
                return Main.OK;
            }
        }
    }
}

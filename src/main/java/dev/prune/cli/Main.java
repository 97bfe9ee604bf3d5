package dev.prune.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point: {@code prune run|check|plan|replay|report|study|worker|bench|repl|fmt|doc|lsp ...}. The
 * help and version options are inherited, so {@code --help} works on every subcommand.
 */
@Command(name = "prune", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "prune 0.1.0",
        description = "Neural-network pruning experiments as recipes.",
        subcommands = {RunCommand.class, CheckCommand.class, PlanCommand.class, ReplayCommand.class,
                ReportCommand.class, StudyCommand.class, WorkerCommand.class, BenchCommand.class, ReplCommand.class, FmtCommand.class, DocCommand.class,
                LspCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int RUN_FAILED = 1;
    public static final int RECIPE_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        dev.prune.cluster.ParentWatch.installIfAsked();
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line with the given output streams; what tests call. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            boolean debug = java.util.Arrays.asList(args).contains("--debug");
            if (debug) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("error: " + Failures.sentence(e)
                        + " (run again with --debug for details)");
            }
            commandLine.getErr().flush();
            return RUN_FAILED;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}

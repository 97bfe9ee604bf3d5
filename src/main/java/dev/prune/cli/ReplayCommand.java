package dev.prune.cli;

import dev.prune.report.Comparison;
import dev.prune.report.RunLock;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code prune replay DIR}: runs the recipe of an earlier run again with the params, seed and
 * threads its manifest recorded, into a new directory, and says metric by metric what differs.
 * Exit 0 when nothing differs, 1 when something does or the replay failed.
 */
@Command(name = "replay", description = "Run an earlier run's recipe again and compare the numbers.")
final class ReplayCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the run directory to replay")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "where the replay goes (default DIR-replay-<time>)")
    Path out;

    @Option(names = "--threads", paramLabel = "N",
            description = "ND4J threads (default: the run's; another count gives other numbers)")
    Integer threads;

    @Option(names = "--debug", description = "show stack traces")
    boolean debug;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> command = spec.commandLine().getParseResult().originalArgs();
        Runner.Settings s;
        try {
            s = Replays.settings(dir, command);
        } catch (UncheckedIOException e) {
            err.println("error: " + dir + " is not a run directory to replay: " + e.getMessage());
            return Main.RECIPE_ERROR;
        }
        if (threads != null) {
            if (threads < 1 || threads > Runner.MAX_THREADS) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be between 1 and "
                        + Runner.MAX_THREADS + " (4 per core of this machine)");
            }
            s = new Runner.Settings(s.recipe(), s.origin(), s.sets(), s.seed(), threads, s.allowWrite(), s.command(),
                    s.parallelVariants());
        }
        Object sha = dev.prune.report.Manifest.read(dir).get("recipe_sha256");
        stdout.println("replaying " + s.recipe() + " (the recipe as recorded"
                + (sha instanceof String h ? ", sha256 " + h.substring(0, Math.min(12, h.length())) : "") + ")");
        Path source = dir.toAbsolutePath().normalize();
        Path planned = out != null ? out : source.resolveSibling(source.getFileName() + "-replay");
        Runner runner = new Runner(stdout, err, System.console() != null);
        int code = runner.fresh(s, planned, out != null ? () -> RunLock.claimNew(out)
                : () -> RunLock.claimUnique(source.getParent(), source.getFileName() + "-replay"));
        Path target = runner.lastDir();
        if (code == Main.RECIPE_ERROR || target == null) {
            return code;
        }
        Comparison.Result result = Comparison.of(dir, target);
        stdout.println("replay of " + dir + " in " + target + ":");
        result.warnings().forEach(w -> stdout.println("warning: " + w));
        result.lines().forEach(l -> stdout.println("  " + l));
        stdout.println(result.differences() == 0 ? "no differences"
                : result.differences() + (result.differences() == 1 ? " difference" : " differences"));
        stdout.flush();
        return result.differences() == 0 && code == Main.OK ? Main.OK : Main.RUN_FAILED;
    }
}

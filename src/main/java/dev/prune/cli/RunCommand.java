package dev.prune.cli;

import dev.prune.report.RunLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code prune run RECIPE}: check, then execute on DL4J, writing the run directory as it goes;
 * {@code prune run --resume DIR}: continue a run from its last checkpoint.
 */
@Command(name = "run", description = "Run a recipe and write its run directory, or resume one.")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RECIPE", description = "the recipe file")
    Path recipe;

    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default runs/<recipe>-<time>)")
    Path out;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "override a param of the recipe")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = "--seed", paramLabel = "N", description = "seed, overriding the recipe's")
    Long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "ND4J threads, pinned and recorded (default: 1, or 2 for networks of more than "
                    + "10 M multiply-adds per example, where a second thread pays; docs/performance.md)")
    Integer threads;

    @Option(names = "--parallel-variants", paramLabel = "N",
            description = "train up to N variants of a sweep (or candidates of an oracle) at once, each on a thread "
                    + "and engine of its own, with the numbers of the variants in turn (default 1: in turn; "
                    + "docs/studies.md)")
    Integer parallelVariants;

    @Option(names = "--allow-write", paramLabel = "PATH",
            description = "let 'save' write into PATH (a file or directory) outside the run directory")
    List<Path> allowWrite = new ArrayList<>();

    @Option(names = "--resume", paramLabel = "DIR",
            description = "continue the run in DIR from its last checkpoint, with the settings it was started with")
    Path resume;

    @Option(names = "--debug", description = "show stack traces")
    boolean debug;

    @Override
    public Integer call() {
        Runner runner = new Runner(spec.commandLine().getOut(), spec.commandLine().getErr(), System.console() != null);
        if (resume != null) {
            if (recipe != null || out != null || !sets.isEmpty() || seed != null || !allowWrite.isEmpty()
                    || spec.commandLine().getParseResult().hasMatchedOption("--threads") || parallelVariants != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--resume takes the recipe and its "
                        + "settings from DIR/manifest.json; give only --resume DIR");
            }
            return runner.resume(resume);
        }
        if (recipe == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "missing RECIPE (or --resume DIR)");
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        if (threads != null && threads > Runner.MAX_THREADS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at most "
                    + Runner.MAX_THREADS + " (4 per core of this machine)");
        }
        if (parallelVariants != null && (parallelVariants < 1 || parallelVariants > Runner.MAX_THREADS)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--parallel-variants must be between 1 and "
                    + Runner.MAX_THREADS + " (4 per core of this machine)");
        }
        List<String> command = spec.commandLine().getParseResult().originalArgs();
        Runner.Settings settings = new Runner.Settings(recipe, recipe, sets, seed,
                threads == null ? Runner.AUTO_THREADS : threads, allowWrite, command,
                parallelVariants == null ? 1 : parallelVariants);
        if (out != null) {
            return runner.fresh(settings, out, () -> RunLock.claimNew(out));
        }
        String name = recipe.getFileName().toString().replaceFirst("\\.prune$", "");
        Path runs = Path.of("runs");
        return runner.fresh(settings, runs.resolve(name), () -> RunLock.claimUnique(runs, name));
    }
}

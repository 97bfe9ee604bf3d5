package dev.prune.cli;

import dev.prune.builtins.Registry;
import dev.prune.dl4j.Dl4jEngine;
import dev.prune.interp.Interpreter;
import dev.prune.interp.RunFailure;
import dev.prune.interp.RunListener;
import dev.prune.report.Console;
import dev.prune.report.Manifest;
import dev.prune.report.RunDirectory;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code prune run RECIPE}: check, then execute on DL4J, writing the run directory as it goes. */
@Command(name = "run", description = "Run a recipe and write its run directory.")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECIPE", description = "the recipe file")
    Path recipe;

    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default runs/<recipe>-<time>)")
    Path out;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "override a param of the recipe")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = "--seed", paramLabel = "N", description = "seed, overriding the recipe's")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "ND4J threads, pinned and recorded (default 1: fastest for small networks)")
    int threads;

    @Option(names = "--debug", description = "show stack traces")
    boolean debug;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        RecipeInput in = RecipeInput.read(recipe, sets, err);
        if (!in.ok()) {
            err.println(in.diagnostics.errorCount() + (in.diagnostics.errorCount() == 1 ? " error" : " errors")
                    + "; nothing was run");
            return Main.RECIPE_ERROR;
        }
        Path dir = out != null ? out : defaultDir(recipe);
        RunDirectory runDir;
        Manifest manifest;
        try {
            runDir = RunDirectory.create(dir, in.source.text());
            manifest = new Manifest(dir, in.source.text(), in.checker.params(), threads);
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return Main.RUN_FAILED;
        }
        stdout.println("run " + recipe + " -> " + dir);
        RunListener listener = RunListener.all(List.of(new Console(stdout, System.console() != null), runDir));
        Interpreter interpreter = new Interpreter(Dl4jEngine::new, Registry.standard(),
                new Interpreter.Options(seed, threads, dir), listener, () -> false);
        String status = "ok";
        try {
            interpreter.execute(in.steps);
        } catch (RunFailure failure) {
            status = "failed: " + failure.getMessage();
            err.println(failure.render());
            err.println("what finished is kept in " + dir);
            return Main.RUN_FAILED;
        } catch (UncheckedIOException e) {
            status = "failed: " + e.getMessage();
            err.println("error: " + e.getMessage());
            return Main.RUN_FAILED;
        } finally {
            manifest.finish(interpreter.seed(), status, interpreter.engineDescription());
            interpreter.close();
        }
        if (!interpreter.failedExpectations().isEmpty()) {
            err.println("error: " + interpreter.failedExpectations().size() + " expectation(s) did not hold");
            return Main.RUN_FAILED;
        }
        stdout.println("done: " + dir.resolve("cycles.csv"));
        return Main.OK;
    }

    private static Path defaultDir(Path recipe) {
        String name = recipe.getFileName().toString().replaceFirst("\\.prune$", "");
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("runs", name + "-" + time);
    }
}

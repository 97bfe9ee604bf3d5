package dev.prune.cli;

import dev.prune.builtins.Registry;
import dev.prune.dl4j.Dl4jEngine;
import dev.prune.interp.Interpreter;
import dev.prune.interp.RunFailure;
import dev.prune.interp.RunListener;
import dev.prune.report.Checkpoints;
import dev.prune.report.Console;
import dev.prune.report.Manifest;
import dev.prune.report.RunDirectory;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One run of a recipe into a run directory, from the start or from its checkpoint; what
 * {@code run}, {@code run --resume} and {@code replay} share. Whatever happens, the manifest says
 * how the run ended and the summary shows what it finished.
 */
final class Runner {

    /**
     * A recipe and the command-line settings that win over it.
     *
     * @param recipe the file to read; {@code origin} the recipe as first given (imports are found next to it)
     */
    record Settings(Path recipe, Path origin, Map<String, String> sets, Long seed, int threads,
                    List<Path> allowWrite, List<String> command) {}

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;

    Runner(PrintWriter out, PrintWriter err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** Checks the recipe, then runs it into {@code dir}; the exit code. */
    int fresh(Settings s, Path dir) {
        RecipeInput in = check(s, dir);
        if (in == null) {
            return Main.RECIPE_ERROR;
        }
        RunDirectory runDir;
        Manifest manifest;
        try {
            runDir = RunDirectory.create(dir, in.source.text());
            manifest = Manifest.start(dir, s.origin(), in.source.text(), in.checker.params(), s.seed(), s.threads(),
                    s.allowWrite(), s.command());
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return Main.RUN_FAILED;
        }
        out.println("run " + s.origin() + " -> " + dir);
        Interpreter interpreter = interpreter(s, dir, runDir, manifest);
        return finish(interpreter, () -> interpreter.execute(in.steps), runDir, manifest, dir);
    }

    /** Continues the run in {@code dir} from its checkpoint, with the settings its manifest recorded. */
    int resume(Path dir) {
        Settings s;
        try {
            s = Replays.settings(dir, List.of("run", "--resume", dir.toString()));
        } catch (UncheckedIOException e) {
            err.println("error: " + dir + " is not a run directory to resume: " + e.getMessage());
            return Main.RECIPE_ERROR;
        }
        if ("ok".equals(Manifest.read(dir).get("status"))) {
            out.println(dir + " finished already (status ok): nothing to resume");
            return Main.OK;
        }
        if (!Checkpoints.exists(dir)) {
            out.println("no checkpoint in " + dir + " yet: running the recipe from the start");
            return fresh(s, dir);
        }
        RecipeInput in = check(s, dir);
        if (in == null) {
            return Main.RECIPE_ERROR;
        }
        Object sha = Manifest.read(dir).get("recipe_sha256");
        if (!Manifest.sha256(in.source.text()).equals(sha)) {
            err.println("error: " + s.recipe() + " changed since the run started; a checkpoint only fits the recipe "
                    + "it was made with");
            return Main.RECIPE_ERROR;
        }
        Checkpoints.Loaded checkpoint;
        RunDirectory runDir;
        Manifest manifest;
        try {
            checkpoint = Checkpoints.load(dir);
            runDir = RunDirectory.reopen(dir, checkpoint.files());
            manifest = Manifest.resume(dir, checkpoint.snapshot().cycles());
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return Main.RUN_FAILED;
        }
        out.println("resume " + dir + " after cycle " + checkpoint.snapshot().cycles());
        Interpreter interpreter = interpreter(s, dir, runDir, manifest);
        return finish(interpreter, () -> interpreter.resume(in.steps, checkpoint.snapshot(), checkpoint.engine()),
                runDir, manifest, dir);
    }

    private RecipeInput check(Settings s, Path dir) {
        RecipeInput in = RecipeInput.read(s.recipe(), s.origin().toAbsolutePath().getParent(), s.sets(), err,
                checker -> checker.allowWrite(path -> writable(dir, s.allowWrite(), path)));
        if (!in.ok()) {
            int n = in.diagnostics.errorCount();
            err.println(n + (n == 1 ? " error" : " errors") + "; nothing was run");
            return null;
        }
        return in;
    }

    /** True when a save path outside the run directory lies in a path the command line allows. */
    static boolean writable(Path dir, List<Path> allowed, String path) {
        Path target = dir.toAbsolutePath().resolve(path).normalize();
        return allowed.stream().anyMatch(a -> target.startsWith(a.toAbsolutePath().normalize()));
    }

    private Interpreter interpreter(Settings s, Path dir, RunDirectory runDir, Manifest manifest) {
        RunListener listener = RunListener.all(List.of(new Console(out, terminal), runDir, manifest));
        Interpreter interpreter = new Interpreter(Dl4jEngine::new, Registry.standard(),
                new Interpreter.Options(s.seed(), s.threads(), dir), listener, () -> false);
        interpreter.checkpointTo(new Checkpoints(runDir));
        interpreter.evaluateEachEpoch(true);
        return interpreter;
    }

    private int finish(Interpreter interpreter, Runnable body, RunDirectory runDir, Manifest manifest, Path dir) {
        String status = "ok";
        int code = Main.OK;
        RuntimeException unexpected = null;
        try {
            body.run();
        } catch (RunFailure failure) {
            status = "failed: " + failure.getMessage();
            err.println(failure.render());
            code = Main.RUN_FAILED;
        } catch (UncheckedIOException e) {
            status = "failed: " + e.getMessage();
            err.println("error: " + e.getMessage());
            code = Main.RUN_FAILED;
        } catch (RuntimeException e) {
            status = "failed: " + Failures.sentence(e);
            unexpected = e;
            code = Main.RUN_FAILED;
        } finally {
            interpreter.close();
        }
        boolean reported = code != Main.OK;
        int failed = interpreter.failedExpectations().size();
        if (code == Main.OK && failed > 0) {
            status = "failed: " + failed + (failed == 1 ? " expectation" : " expectations") + " did not hold";
            err.println("error: " + status.substring("failed: ".length()));
            code = Main.RUN_FAILED;
        }
        String problem = manifest.finish(interpreter.seed(), status, code);
        if (problem == null) {
            try {
                runDir.writeSummary();
            } catch (UncheckedIOException e) {
                problem = e.getMessage();
                manifest.finish(interpreter.seed(), "failed: " + problem, Main.RUN_FAILED);
            }
        }
        if (problem != null) {
            // After a failed write the next one fails for the same reason: one message is enough.
            if (!reported) {
                err.println("error: " + problem);
            }
            code = Main.RUN_FAILED;
        }
        if (unexpected != null) {
            throw unexpected;
        }
        if (code == Main.OK) {
            out.println("done: " + dir.resolve("summary.md"));
        } else {
            err.println("what finished is kept in " + dir);
        }
        out.flush();
        err.flush();
        return code;
    }
}

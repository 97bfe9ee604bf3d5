package dev.prune.cli;

import dev.prune.builtins.Registry;
import dev.prune.dl4j.Dl4jEngine;
import dev.prune.front.FrontEnd;
import dev.prune.interp.Interpreter;
import dev.prune.interp.RunFailure;
import dev.prune.interp.RunListener;
import dev.prune.parser.RecipeLoader;
import dev.prune.report.Checkpoints;
import dev.prune.report.Console;
import dev.prune.report.Manifest;
import dev.prune.report.RunDirectory;
import dev.prune.report.RunLock;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One run of a recipe into a run directory, from the start or from its checkpoint; what
 * {@code run}, {@code run --resume} and {@code replay} share. Whatever happens, the manifest says
 * how the run ended and the summary shows what it finished.
 */
final class Runner {
    /** The most ND4J threads a run may ask for: more than a few per core only slows it, and huge counts crash the JVM. */
    static final int MAX_THREADS = Runtime.getRuntime().availableProcessors() * 4;

    /** The thread count of settings that leave it to the recipe: see {@link ThreadDefault}. */
    static final int AUTO_THREADS = 0;

    /**
     * A recipe and the command-line settings that win over it.
     *
     * @param recipe the file to read; {@code origin} the recipe as first given (imports are found next to it)
     */
    record Settings(Path recipe, Path origin, Map<String, String> sets, Long seed, int threads,
                    List<Path> allowWrite, List<String> command, int parallelVariants) {}

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;

    Runner(PrintWriter out, PrintWriter err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** The run directory of the last run, as named in messages; null before one was claimed. */
    private Path lastDir;

    Path lastDir() {
        return lastDir;
    }

    /**
     * Checks the recipe, then claims a run directory (locked, see {@link RunLock}) and runs the
     * recipe into it; the exit code. {@code planned} is where save paths are checked against
     * before the directory exists.
     */
    int fresh(Settings s, Path planned, Supplier<RunLock> claim) {
        RecipeInput in = check(s, planned);
        if (in == null) {
            return Main.RECIPE_ERROR;
        }
        RunLock lock = claim(claim);
        if (lock == null) {
            return refusal;
        }
        try (lock) {
            return fresh(s, in, lock);
        }
    }

    private int refusal;

    /** Takes the run directory, or prints why not and leaves the exit code in {@code refusal}. */
    private RunLock claim(Supplier<RunLock> claim) {
        try {
            RunLock lock = claim.get();
            lastDir = lock.given();
            return lock;
        } catch (RunLock.Refused r) {
            err.println("error: " + r.getMessage());
            refusal = r.busy() ? Main.RUN_FAILED : Main.RECIPE_ERROR;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            refusal = Main.RUN_FAILED;
        }
        err.flush();
        return null;
    }

    private int fresh(Settings given, RecipeInput in, RunLock lock) {
        Settings s = given.threads() != AUTO_THREADS ? given : new Settings(given.recipe(), given.origin(),
                given.sets(), given.seed(), ThreadDefault.of(in.checker.network()), given.allowWrite(), given.command(),
                given.parallelVariants());
        Path dir = lock.dir();
        RunDirectory runDir;
        Manifest manifest;
        try {
            // What ran, imports inlined: resume and replay read this, never the files it came from.
            String recorded = RecipeLoader.inlined(in.source, s.origin().toAbsolutePath().getParent());
            runDir = RunDirectory.create(dir, recorded);
            manifest = Manifest.start(dir, s.origin(), recorded, in.checker.params(), s.seed(), s.threads(),
                    s.allowWrite(), s.command());
            manifest.parallelVariants(s.parallelVariants());
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return Main.RUN_FAILED;
        }
        out.println("run " + s.origin() + " -> " + lock.given());
        Interpreter interpreter = interpreter(s, dir, runDir, manifest);
        return finish(interpreter, () -> interpreter.execute(in.steps), runDir, manifest, lock.given());
    }

    /** Continues the run in {@code dir} from its checkpoint, with the settings its manifest recorded. */
    int resume(Path given) {
        RunLock lock = claim(() -> RunLock.claimExisting(given));
        if (lock == null) {
            return refusal;
        }
        try (lock) {
            return resume(given, lock);
        }
    }

    private int resume(Path given, RunLock lock) {
        Path dir = lock.dir();
        Settings s;
        try {
            s = Replays.settings(dir, List.of("run", "--resume", given.toString()));
        } catch (UncheckedIOException e) {
            err.println("error: " + given + " is not a run directory to resume: " + e.getMessage());
            return Main.RECIPE_ERROR;
        }
        if ("ok".equals(Manifest.read(dir).get("status"))) {
            out.println(given + " finished already (status ok): nothing to resume");
            return Main.OK;
        }
        if (!Checkpoints.exists(dir)) {
            out.println("no checkpoint in " + given + " yet: running the recipe from the start");
            RecipeInput in = check(s, dir);
            return in == null ? Main.RECIPE_ERROR : fresh(s, in, lock);
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
            // Every check before the first write: a refused resume leaves the directory as it found it.
            if (s.seed() != null && s.seed() != checkpoint.snapshot().seed()) {
                err.println("error: " + given.resolve("manifest.json") + " does not match the checkpoint: its seed "
                        + s.seed() + " is not the checkpoint's " + checkpoint.snapshot().seed()
                        + "; nothing was resumed");
                return Main.RUN_FAILED;
            }
            Interpreter.checkResumable(Registry.standard(), in.steps, checkpoint.snapshot());
            runDir = RunDirectory.reopen(dir, checkpoint.files());
            manifest = Manifest.resume(dir, checkpoint.snapshot().cycles());
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return Main.RUN_FAILED;
        } catch (RunFailure refused) {
            err.println(refused.render());
            return Main.RUN_FAILED;
        }
        out.println("resume " + given + " after cycle " + checkpoint.snapshot().cycles());
        Interpreter interpreter = interpreter(s, dir, runDir, manifest);
        return finish(interpreter, () -> interpreter.resume(in.steps, checkpoint.snapshot(), checkpoint.engine()),
                runDir, manifest, given);
    }

    private RecipeInput check(Settings s, Path dir) {
        RecipeInput in = RecipeInput.read(s.recipe(), FrontEnd.standard().importsFrom(
                s.origin().toAbsolutePath().getParent()).sets(s.sets())
                .configure(checker -> checker.allowWrite(path -> writable(dir, s.allowWrite(), path))), err);
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
        interpreter.allowWrite(s.allowWrite());
        interpreter.evaluateEachEpoch(true);
        interpreter.variantsAtOnce(s.parallelVariants());
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
                if (!reported) {
                    // A run that failed already keeps that failure as its status: it is the cause.
                    manifest.finish(interpreter.seed(), "failed: " + problem, Main.RUN_FAILED);
                }
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

package dev.prune.study;

import dev.prune.report.Manifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Runs a study's missing runs as {@code prune run} child processes, N at a time, each with its own
 * ND4J thread count and its output in {@code logs/NAME.log}. A run that fails is reported and the
 * others go on. If the study itself is stopped (Ctrl-C, SIGTERM), its children are stopped too;
 * their checkpoints let {@code prune study --resume} continue them.
 */
public final class Launcher {
    /** How a run stands, read from its directory. */
    public enum State { MISSING, UNFINISHED, DONE, FAILED }

    private final List<String> javaPrefix;
    private final PrintWriter out;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    /**
     * @param javaPrefix the command that starts {@code prune} in a new JVM, before its arguments
     * @param out        where a line per started and ended run goes
     */
    public Launcher(List<String> javaPrefix, PrintWriter out) {
        this.javaPrefix = List.copyOf(javaPrefix);
        this.out = out;
    }

    /** The state of a run from its manifest: no directory, killed or never finished, finished ok, or failed. */
    public static State state(Path runDir) {
        if (!Files.isDirectory(runDir)) {
            return State.MISSING;
        }
        if (!Files.exists(runDir.resolve("manifest.json"))) {
            return State.UNFINISHED;
        }
        Object status = Manifest.read(runDir).get("status");
        if ("ok".equals(status)) {
            return State.DONE;
        }
        return status != null && status.toString().startsWith("failed") ? State.FAILED : State.UNFINISHED;
    }

    /** The arguments after {@code prune} that bring a run to its end from the state its directory is in. */
    public static List<String> argsFor(Study study, Path studyDir, RunSpec run) {
        Path dir = Study.runDir(studyDir, run);
        if (Files.exists(dir.resolve("manifest.json"))) {
            return List.of("run", "--resume", dir.toString());
        }
        return run.runArgs(study.recipe(), dir, study.threads());
    }

    /**
     * Brings every run that is missing or unfinished to its end, {@code parallel} at a time.
     *
     * @return the exit code of each run started, by name
     */
    public Map<String, Integer> run(Study study, Path studyDir, int parallel) {
        List<RunSpec> todo = new ArrayList<>();
        for (RunSpec r : study.runs()) {
            State s = state(Study.runDir(studyDir, r));
            if (s == State.MISSING || s == State.UNFINISHED) {
                todo.add(r);
            }
        }
        Map<String, Integer> codes = new LinkedHashMap<>();
        if (todo.isEmpty()) {
            return codes;
        }
        Thread stopper = new Thread(() -> live.forEach(Process::destroy));
        Runtime.getRuntime().addShutdownHook(stopper);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, todo.size())));
        try {
            List<Future<Integer>> results = new ArrayList<>();
            int total = study.runs().size();
            for (RunSpec r : todo) {
                int index = study.runs().indexOf(r) + 1;
                results.add(pool.submit(() -> one(study, studyDir, r, index, total)));
            }
            for (int i = 0; i < todo.size(); i++) {
                codes.put(todo.get(i).name(), results.get(i).get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StudyException("the study was interrupted; prune study --resume " + studyDir + " goes on");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new StudyException(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
            live.forEach(Process::destroy);
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook runs anyway.
            }
        }
        return codes;
    }

    private int one(Study study, Path studyDir, RunSpec run, int index, int total) throws IOException,
            InterruptedException {
        Path dir = Study.runDir(studyDir, run);
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve("manifest.json"))) {
            // Killed before its manifest: nothing of the run was recorded yet, so it starts anew.
            deleteTree(dir);
        }
        List<String> args = argsFor(study, studyDir, run);
        List<String> command = new ArrayList<>(javaPrefix);
        command.addAll(args);
        Path log = studyDir.resolve(Study.LOGS).resolve(run.name() + ".log");
        Files.createDirectories(log.getParent());
        Files.createDirectories(dir.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(study.threads()));
        String what = args.contains("--resume") ? "resume" : "start";
        say(String.format(Locale.ROOT, "[%d/%d] %s %s", index, total, what, run.name()));
        long start = System.nanoTime();
        Process p = pb.start();
        live.add(p);
        int code;
        try {
            code = p.waitFor();
        } finally {
            live.remove(p);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (code == 0) {
            say(String.format(Locale.ROOT, "[%d/%d] done %s: %s (%.0f s)", index, total, run.name(),
                    StudyTable.lastRow(dir), seconds));
        } else {
            say(String.format(Locale.ROOT, "[%d/%d] FAILED %s (exit %d): %s; see %s", index, total, run.name(), code,
                    lastError(log), log));
        }
        return code;
    }

    private synchronized void say(String line) {
        out.println(line);
        out.flush();
    }

    /** The last line of the log that says "error", or its last line. */
    public static String lastError(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("error") || lines.get(i).contains(": error: ")) {
                    return lines.get(i).strip();
                }
            }
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
        } catch (IOException | java.io.UncheckedIOException e) {
            return "no log";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

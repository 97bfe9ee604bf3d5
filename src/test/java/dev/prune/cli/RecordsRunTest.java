package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.report.Checkpoints;
import dev.prune.report.Manifest;
import dev.prune.report.RunLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run records on DL4J: a run killed mid-cycle resumes to the same numbers, replay, divergence, save paths. */
@Tag("slow")
class RecordsRunTest {
    @TempDir
    Path dir;

    /** Adam (moments and step count to restore), a schedule within each cycle, and validation data. */
    private static final String RECIPE = """
            seed 11
            model lenet_300_100
            data shapes(train=1500, test=200, val=100)
            optimizer adam()
            lr 0.002
            train 1 epoch
            import "pol"
            rewind none
            retrain 2 epochs lr cosine(lr=0.002)
            run 3 cycles
            expect sparsity >= 60%
            """;

    private Path recipe(String text) throws IOException {
        Path file = dir.resolve("r.prune");
        Files.writeString(file, text);
        return file;
    }

    /** The imported policy; resuming must run it as recorded, whatever the file says by then. */
    private static final String POLICY = "prune global l1 by 30% every cycle\n";

    @Test
    void aRunKilledMidCycleResumesToTheNumbersOfAnUninterruptedRunAndReplaysWithoutDifferences()
            throws Exception {
        Path recipe = recipe(RECIPE);
        Path policy = Files.writeString(dir.resolve("pol.prune"), POLICY);
        Path straight = dir.resolve("straight");
        CliTest.Result whole = CliTest.prune("run", recipe.toString(), "--out", straight.toString());
        assertEquals(Main.OK, whole.code(), whole.err());

        Path killed = dir.resolve("killed");
        Process child = new ProcessBuilder(javaCommand("run", recipe.toString(), "--out", killed.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            waitForFirstEpochOfCycle2(killed, child);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, like a power cut for the process
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(3, Files.readAllLines(killed.resolve("cycles.csv")).size(), "killed inside cycle 2");
        assertTrue(Files.readString(killed.resolve("epochs.csv")).contains("\ncycle 2,2,1,"), "killed while training");
        assertEquals("running", Manifest.read(killed).get("status"), "a killed run does not look finished");

        refusedWithNothingChanged(killed, "manifest.json", "\"seed_option\" : null", "\"seed_option\" : 12",
                "error: " + killed.resolve("manifest.json") + " does not match the checkpoint: its seed 12 is not the "
                        + "checkpoint's 11; nothing was resumed\n");
        String cycle0 = Files.readAllLines(killed.resolve("cycles.csv")).get(1);
        refusedWithNothingChanged(killed, "cycles.csv", cycle0, cycle0.replaceFirst("^0,", "0,0.5"),
                "error: " + killed.resolve("cycles.csv") + " does not match the checkpoint: it changed since the "
                        + "checkpoint was written; resuming would mix the numbers of two different runs, so nothing "
                        + "was resumed\n");

        // The import edited on disk: the run directory's recipe has it inlined as it ran.
        Files.writeString(policy, POLICY.replace("30%", "20%"));
        CliTest.Result resumed = CliTest.prune("run", "--resume", killed.toString());
        assertEquals(Main.OK, resumed.code(), resumed.err() + resumed.out());
        assertTrue(resumed.out().contains("resume " + killed + " after cycle "), resumed.out());
        for (String table : List.of("cycles.csv", "epochs.csv")) {
            assertEquals(withoutSeconds(straight.resolve(table)), withoutSeconds(killed.resolve(table)), table);
        }
        assertEquals("ok", Manifest.read(killed).get("status"));
        assertTrue(CliTest.prune("run", "--resume", killed.toString()).out().contains("finished already"));
        assertTrue(Files.readString(killed.resolve("summary.md")).contains("resumed**: 1 time"));

        CliTest.Result replay = CliTest.prune("replay", straight.toString(), "--out", dir.resolve("replay").toString());
        assertEquals(Main.OK, replay.code(), replay.out() + replay.err());
        assertTrue(replay.out().contains("cycles: no differences (4 rows"), replay.out());
        assertTrue(replay.out().contains("epochs: no differences (7 rows"), replay.out());
        assertTrue(replay.out().endsWith("no differences\n"), replay.out());
        assertFalse(replay.out().contains("warning"), replay.out());
    }

    /**
     * Edits one file of the killed run, resumes and expects exit 1 with {@code message} as the whole
     * error output and every file as it was (the tables not cut back); then undoes the edit.
     */
    private static void refusedWithNothingChanged(Path run, String file, String from, String to, String message)
            throws IOException {
        Path edited = run.resolve(file);
        String original = Files.readString(edited);
        assertTrue(original.contains(from), original);
        Files.writeString(edited, original.replace(from, to));
        Map<String, String> before = RunDirectoryGuardTest.contents(run);
        before.remove(RunLock.FILE);
        CliTest.Result r = CliTest.prune("run", "--resume", run.toString());
        assertEquals(Main.RUN_FAILED, r.code(), r.err());
        assertEquals(message, r.err());
        Map<String, String> after = RunDirectoryGuardTest.contents(run);
        after.remove(RunLock.FILE);
        assertEquals(before, after, "a refused resume changes nothing");
        Files.writeString(edited, original);
    }

    static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** Returns once the checkpoint after cycle 1 is written and cycle 2 has finished its first of two epochs. */
    static void waitForFirstEpochOfCycle2(Path run, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        Path epochs = run.resolve("epochs.csv");
        while (System.nanoTime() < deadline) {
            assertTrue(child.isAlive(), "the run ended before it could be killed");
            if (Checkpoints.exists(run) && Files.exists(epochs) && Files.readString(epochs).contains("\ncycle 2,")) {
                return;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("cycle 2 did not start training within three minutes");
    }

    static List<String> withoutSeconds(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int seconds = Arrays.asList(lines.get(0).split(",")).indexOf("seconds");
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
            cells.remove(seconds);
            out.add(String.join(",", cells));
        }
        return out;
    }

    @Test
    void aDivergingCycleStopsWithWhereAndAHintAndKeepsWhatFinished() throws IOException {
        Path out = dir.resolve("nan");
        CliTest.Result r = CliTest.prune("run", recipe("""
                seed 2
                model lenet_300_100
                data shapes(train=600, test=100)
                lr 0.05
                train 1 epoch
                prune l1 by 20% every cycle
                retrain 2 epochs lr 1e7
                run 3 cycles
                """).toString(), "--out", out.toString());
        assertEquals(Main.RUN_FAILED, r.code());
        assertTrue(r.err().matches("(?s).*r\\.prune:8:1: error: cycle 1: loss became (NaN|infinite) at iteration \\d+ "
                + "of epoch 1; lower the learning rate \\(it was 1\\.0E7\\) or check the data\n.*"), r.err());
        assertTrue(r.err().contains("what finished is kept in " + out), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals(2, Files.readAllLines(out.resolve("cycles.csv")).size(), "header and cycle 0");
        List<String> epochs = Files.readAllLines(out.resolve("epochs.csv"));
        assertTrue(epochs.get(epochs.size() - 1).startsWith("cycle 1,1,1,"), epochs.toString());
        assertTrue(epochs.get(epochs.size() - 1).matches("cycle 1,1,1,[^,]*,[^,]*,[^,]*,(NaN|Infinity),.*"),
                epochs.toString());
        assertEquals(1, Manifest.read(out).get("exit_code"));
        assertTrue(Manifest.read(out).get("status").toString().startsWith("failed: cycle 1: loss became"));
        assertTrue(Files.readString(out.resolve("summary.md")).contains("| 0 | 0.00% |"));
    }

    @Test
    void saveOutsideTheRunDirectoryNeedsTheCommandLinesPermission() throws IOException {
        Path recipe = recipe("model mlp(784, 16, 10)\ndata shapes(train=100, test=50)\nsave \"../shared/m.zip\"\n");
        Path out = dir.resolve("runs").resolve("s");
        CliTest.Result refused = CliTest.prune("run", recipe.toString(), "--out", out.toString());
        assertEquals(Main.RECIPE_ERROR, refused.code());
        assertTrue(refused.err().contains("r.prune:3:1: error: save writes inside the run directory; give a relative "
                + "path without '..', e.g. save \"model.zip\", or allow this path with prune run --allow-write PATH"),
                refused.err());

        Path shared = dir.resolve("runs").resolve("shared");
        CliTest.Result allowed = CliTest.prune("run", recipe.toString(), "--out", out.toString(),
                "--allow-write", shared.toString());
        assertEquals(Main.OK, allowed.code(), allowed.err());
        assertTrue(Files.isRegularFile(shared.resolve("m.zip")));
        assertEquals(List.of(shared.toAbsolutePath().normalize().toString()), Manifest.read(out).get("allow_write"));
    }
}

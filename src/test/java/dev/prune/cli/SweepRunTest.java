package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.report.Checkpoints;
import dev.prune.report.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps on DL4J: variants side by side ({@code --parallel-variants}) write the tables of the
 * variants in turn, and a sweep run killed inside a variant resumes to the tables of a run without
 * a break.
 */
@Tag("slow")
class SweepRunTest {
    @TempDir
    Path dir;

    /** Momentum (optimizer state to carry into each variant), a validation split, three variants of two cycles. */
    private static final String RECIPE = """
            seed 5
            model mlp(784, 32, 10)
            data shapes(train=1200, test=100, val=60)
            optimizer sgd(momentum=0.9)
            lr 0.05
            train 1 epoch
            rewind none
            retrain 1 epoch
            prune l1 by 10% every cycle
            sweep rate in [20%, 50%, 70%] {
                prune l1 by rate every cycle
                run 2 cycles
            }
            run 1 cycle
            """;

    private Path recipe() throws IOException {
        Path file = dir.resolve("sweep.prune");
        Files.writeString(file, RECIPE);
        return file;
    }

    @Test
    void variantsSideBySideWriteTheTablesOfVariantsInTurn() throws IOException {
        Path recipe = recipe();
        Path inTurn = dir.resolve("in-turn");
        CliTest.Result one = CliTest.prune("run", recipe.toString(), "--out", inTurn.toString());
        assertEquals(Main.OK, one.code(), one.err() + one.out());
        Path together = dir.resolve("together");
        CliTest.Result many = CliTest.prune("run", recipe.toString(), "--out", together.toString(),
                "--parallel-variants", "3");
        assertEquals(Main.OK, many.code(), many.err());
        for (String table : List.of("cycles.csv", "epochs.csv")) {
            assertEquals(RecordsRunTest.withoutSeconds(inTurn.resolve(table)),
                    RecordsRunTest.withoutSeconds(together.resolve(table)), table);
        }
        assertEquals(12, Files.readAllLines(inTurn.resolve("cycles.csv")).size(), "header, 3 x (cycle 0, 2 cycles), 2 after");
        assertEquals(3, Manifest.read(together).get("parallel_variants"));
        assertEquals(withoutTimes(one.out()), withoutTimes(many.out()), "the console too");
    }

    /** Console lines without the seconds they show (an epoch's, and the tenth column of a cycle row). */
    private static List<String> withoutTimes(String out) {
        return out.lines().filter(l -> !l.startsWith("run ") && !l.startsWith("done:"))
                .map(l -> l.replaceAll("\\d+(\\.\\d+)? ?(s|ms|it/s)\\b", "T"))
                .map(l -> {
                    String[] cells = l.trim().split(" +");
                    if (!l.matches(" +\\d+ +\\d+\\.\\d+% .*") || cells.length < 10) {
                        return l;
                    }
                    cells[9] = "T";
                    return String.join(" ", cells);
                })
                .toList();
    }

    /** The oracle's candidates side by side: the tables of the candidates in turn, the same rates chosen. */
    @Test
    void oracleCandidatesSideBySideWriteTheTablesOfCandidatesInTurn() throws IOException {
        Path recipe = dir.resolve("oracle.prune");
        Files.writeString(recipe, """
                seed 6
                model mlp(784, 32, 10)
                data shapes(train=1200, test=100, val=60)
                optimizer sgd(momentum=0.9)
                lr 0.05
                train 1 epoch
                prune l1 by 40% every cycle
                rewind none
                retrain 1 epoch lr oracle(grid=[0.01, 0.2, 0.05])
                run 2 cycles
                """);
        Path inTurn = dir.resolve("oracle-in-turn");
        CliTest.Result one = CliTest.prune("run", recipe.toString(), "--out", inTurn.toString());
        assertEquals(Main.OK, one.code(), one.err() + one.out());
        Path together = dir.resolve("oracle-together");
        CliTest.Result many = CliTest.prune("run", recipe.toString(), "--out", together.toString(),
                "--parallel-variants", "3");
        assertEquals(Main.OK, many.code(), many.err());
        for (String table : List.of("cycles.csv", "epochs.csv")) {
            assertEquals(RecordsRunTest.withoutSeconds(inTurn.resolve(table)),
                    RecordsRunTest.withoutSeconds(together.resolve(table)), table);
        }
        assertEquals(withoutTimes(one.out()), withoutTimes(many.out()), "the console too");
        assertTrue(one.out().contains("cycle 2 oracle: validation accuracy 0.01 "), one.out());
    }

    @Test
    void aSweepRunKilledInsideAVariantResumesToTheTablesOfARunWithoutABreak() throws Exception {
        Path recipe = recipe();
        Path straight = dir.resolve("straight");
        CliTest.Result whole = CliTest.prune("run", recipe.toString(), "--out", straight.toString());
        assertEquals(Main.OK, whole.code(), whole.err());

        Path killed = dir.resolve("killed");
        Process child = new ProcessBuilder(javaCommand("run", recipe.toString(), "--out", killed.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            waitForSecondVariant(killed, child);
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals("running", Manifest.read(killed).get("status"));
        List<String> rows = Files.readAllLines(killed.resolve("cycles.csv"));
        assertTrue(rows.stream().noneMatch(r -> r.contains(",rate=70%")), "killed before the last variant: " + rows);

        CliTest.Result resumed = CliTest.prune("run", "--resume", killed.toString());
        assertEquals(Main.OK, resumed.code(), resumed.err() + resumed.out());
        assertTrue(resumed.out().contains("sweep rate, variant 2 of 3: rate = 50%"), resumed.out());
        assertTrue(!resumed.out().contains("variant 1 of 3"), "the finished variant is not run again: " + resumed.out());
        for (String table : List.of("cycles.csv", "epochs.csv")) {
            assertEquals(RecordsRunTest.withoutSeconds(straight.resolve(table)),
                    RecordsRunTest.withoutSeconds(killed.resolve(table)), table);
        }
        assertEquals("ok", Manifest.read(killed).get("status"));
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** Returns once the second variant has a checkpoint before it and has trained its first epoch. */
    private static void waitForSecondVariant(Path run, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        // The sweep is step 8 (a seed statement sets, it is no step): its checkpoint before variant 2.
        Path state = run.resolve(Checkpoints.FOLDER).resolve("engine-8-1.zip");
        Path epochs = run.resolve("epochs.csv");
        while (System.nanoTime() < deadline) {
            assertTrue(child.isAlive(), "the run ended before it could be killed");
            if (Files.exists(state) && Checkpoints.exists(run) && Files.exists(epochs)) {
                long afterCheckpoint = Files.readAllLines(epochs).stream().filter(l -> l.startsWith("cycle 1,")).count();
                if (afterCheckpoint >= 2) { // cycle 1 of the first variant, then of the second
                    return;
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("the second variant did not start training within three minutes");
    }
}

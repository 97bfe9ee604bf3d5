package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.report.Checkpoints;
import dev.prune.report.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose disk stops taking its writes mid-run, from the command line: one sentence and exit 1,
 * every row written before is kept, and the run resumes to the numbers of a run that never failed.
 * The disk is made to refuse by a file size limit ({@code ulimit -f} in the child's shell), which
 * any user may lower, where a small full file system would need root: a write past it fails with
 * EFBIG ("File too large") instead of ENOSPC, through the same code (the wording of ENOSPC is
 * tested on /dev/full in RecordsTest).
 */
@Tag("slow")
class FullDiskTest {
    @TempDir
    Path dir;

    /**
     * A tiny network (its checkpoint is a few kilobytes) and a learning rate that changes every
     * iteration, so lr.csv (a row per change) is the file that grows fastest: the limit is set
     * between its length after cycle 1 and after cycle 2.
     */
    private static final String RECIPE = """
            seed 5
            model mlp(784, 2, 10)
            data shapes(train=600, test=60, batch=1)
            lr 0.01
            train 1 epoch
            prune l1 by 30% every cycle
            retrain 1 epoch lr cosine(lr=0.01)
            run 3 cycles
            """;

    @Test
    void aRunThatRunsOutOfDiskSaysSoOnceKeepsEveryRowAndResumes() throws Exception {
        Path bash = Path.of("/bin/bash");
        Assumptions.assumeTrue(Files.isExecutable(bash), "the file size limit is set through bash's ulimit");
        Path recipe = Files.writeString(dir.resolve("r.prune"), RECIPE);
        Path straight = dir.resolve("straight");
        CliTest.Result whole = CliTest.prune("run", recipe.toString(), "--out", straight.toString());
        assertEquals(Main.OK, whole.code(), whole.err());

        List<String> lr = Files.readAllLines(straight.resolve("lr.csv"));
        long afterCycle1 = bytesThrough(lr, 1);
        long afterCycle2 = bytesThrough(lr, 2);
        long kib = (afterCycle1 + afterCycle2) / 2 / 1024;
        assertTrue(afterCycle1 < kib * 1024 && kib * 1024 < afterCycle2, afterCycle1 + " " + afterCycle2);
        long largestOther = largestWrittenWhileRunning(straight);
        assertTrue(largestOther < kib * 1024, "lr.csv must be the first file to pass the limit: another has "
                + largestOther + " bytes, the limit is " + kib + " KiB");

        Path limited = dir.resolve("limited");
        List<String> command = new ArrayList<>(List.of(bash.toString(), "-c", "ulimit -f \"$0\" && exec \"$@\"",
                Long.toString(kib), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", recipe.toString(), "--out", limited.toString()));
        Process child = new ProcessBuilder(command).redirectOutput(dir.resolve("child.out").toFile())
                .redirectError(dir.resolve("child.err").toFile()).start();
        assertTrue(child.waitFor(300, TimeUnit.SECONDS), "the limited run did not end");
        String err = Files.readString(dir.resolve("child.err"), StandardCharsets.UTF_8);
        assertEquals(Main.RUN_FAILED, child.exitValue(), err);
        assertTrue(err.contains("error: cannot write " + limited.toRealPath().resolve("lr.csv") + ": the file would "
                + "outgrow the largest size allowed (ulimit -f, or the file system's limit)\nwhat finished is kept in "
                + limited + "\n"), err);
        assertEquals(1, err.split("error:", -1).length - 1, "one sentence: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);

        assertEquals(1, Manifest.read(limited).get("exit_code"));
        assertTrue(Manifest.read(limited).get("status").toString().startsWith("failed: cannot write "),
                Manifest.read(limited).toString());
        // Every table ends at a whole row, and every row is the uninterrupted run's.
        for (String table : List.of("cycles.csv", "epochs.csv")) {
            List<String> kept = RecordsRunTest.withoutSeconds(limited.resolve(table));
            List<String> all = RecordsRunTest.withoutSeconds(straight.resolve(table));
            assertEquals(all.subList(0, kept.size()), kept, table);
        }
        assertEquals(3, Files.readAllLines(limited.resolve("cycles.csv")).size(), "header, cycles 0 and 1");
        String keptLr = Files.readString(limited.resolve("lr.csv"));
        assertTrue(keptLr.endsWith("\n") && Files.readString(straight.resolve("lr.csv")).startsWith(keptLr));
        assertTrue(Files.size(limited.resolve("lr.csv")) >= afterCycle1, "cycle 1's rates are kept");
        Checkpoints.load(limited);

        CliTest.Result resumed = CliTest.prune("run", "--resume", limited.toString());
        assertEquals(Main.OK, resumed.code(), resumed.err());
        for (String table : List.of("cycles.csv", "epochs.csv")) {
            assertEquals(RecordsRunTest.withoutSeconds(straight.resolve(table)),
                    RecordsRunTest.withoutSeconds(limited.resolve(table)), table);
        }
        assertEquals(Files.readString(straight.resolve("lr.csv")), Files.readString(limited.resolve("lr.csv")));
        assertEquals("ok", Manifest.read(limited).get("status"));
    }

    /** The length of lr.csv up to the last row of {@code cycle} (its third column). */
    private static long bytesThrough(List<String> lines, int cycle) {
        long bytes = 0;
        long through = 0;
        for (String line : lines) {
            bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
            String[] cells = line.split(",");
            if (cells.length > 2 && cells[2].matches("\\d+") && Integer.parseInt(cells[2]) <= cycle) {
                through = bytes;
            }
        }
        return through;
    }

    /** The largest file a run writes before its end, but lr.csv (the summary and its plots come at the end). */
    private static long largestWrittenWhileRunning(Path run) throws IOException {
        try (Stream<Path> files = Files.walk(run)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().matches(
                    "lr\\.csv|summary\\.md|.*\\.png"))
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).max().orElse(0);
        }
    }
}

package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.report.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs in separate JVMs at the same time never share a run directory. */
@Tag("slow")
class ConcurrentRunsTest {
    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        started.forEach(Process::destroyForcibly);
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child-" + started.size() + ".log").toFile())
                .start();
        started.add(p);
        return p;
    }

    @Test
    void runsStartedTogetherGetSeparateDirectoriesAndAllSucceed() throws Exception {
        Path recipe = Files.writeString(dir.resolve("tiny.prune"), """
                model mlp(784, 8, 10)
                data shapes(train=60, test=30)
                lr 0.1
                train 1 epoch
                """);
        List<Process> runs = new ArrayList<>();
        for (int seed = 1; seed <= 3; seed++) {
            runs.add(start("run", recipe.toString(), "--seed", Integer.toString(seed)));
        }
        for (int i = 0; i < runs.size(); i++) {
            assertTrue(runs.get(i).waitFor(300, TimeUnit.SECONDS), "run " + i + " did not end");
            assertEquals(0, runs.get(i).exitValue(), Files.readString(dir.resolve("child-" + i + ".log")));
        }
        List<Path> made;
        try (Stream<Path> dirs = Files.list(dir.resolve("runs"))) {
            made = dirs.toList();
        }
        assertEquals(3, made.size(), made.toString());
        List<Object> seeds = new ArrayList<>();
        for (Path run : made) {
            assertEquals("ok", Manifest.read(run).get("status"), run.toString());
            seeds.add(Manifest.read(run).get("seed"));
        }
        assertEquals(3, seeds.stream().distinct().count(), "each directory holds its own run: " + seeds);
    }

    @Test
    void aRunningRunsDirectoryRefusesASecondProcess() throws Exception {
        Path recipe = Files.writeString(dir.resolve("long.prune"), """
                model mlp(784, 64, 10)
                data shapes(train=4000, test=200)
                lr 0.1
                train 2 epochs
                prune l1 by 20% every cycle
                retrain 2 epochs
                run 4 cycles
                """);
        Path out = dir.resolve("one");
        Process first = start("run", recipe.toString(), "--out", out.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!Files.exists(out.resolve("manifest.json")) && System.nanoTime() < deadline) {
            assertTrue(first.isAlive(), Files.readString(dir.resolve("child-0.log")));
            Thread.sleep(50);
        }
        CliTest.Result second = CliTest.prune("run", "--resume", out.toString());
        // Only an answer given while the first run still ran shows the lock; a machine slow enough to
        // finish it first reports a skip.
        Assumptions.assumeTrue(first.isAlive(), "the first run ended before the second asked");
        {
            assertEquals(Main.RUN_FAILED, second.code(), second.err());
            assertEquals("error: " + out + " is being written by another prune process (pid " + first.pid()
                    + "); wait for it to end or give another --out\n", second.err());
        }
        CliTest.Result third = CliTest.prune("run", recipe.toString(), "--out", out.toString());
        assertTrue(third.code() != Main.OK, third.err());
        assertTrue(first.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, first.exitValue(), Files.readString(dir.resolve("child-0.log")));
        assertEquals("ok", Manifest.read(out).get("status"));
        assertEquals(6, Files.readAllLines(out.resolve("cycles.csv")).size(), "header and cycles 0-4, once each");
    }
}

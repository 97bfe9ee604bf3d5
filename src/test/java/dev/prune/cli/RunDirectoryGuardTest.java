package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.report.RunLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run directory refuses before any training starts: a second writer, another run's files, links, bad input files. */
class RunDirectoryGuardTest {
    @TempDir
    Path dir;

    private static final String RECIPE = "model mlp(784, 16, 10)\ndata shapes(train=100, test=50)\nlr 0.1\n"
            + "train 1 epoch\n";

    private Path recipe(String text) throws IOException {
        return Files.writeString(dir.resolve("r.prune"), text);
    }

    /** Every file under {@code root} with its bytes (links as their target), to show nothing changed. */
    static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.toList()) {
                String key = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    all.put(key, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    all.put(key, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                } else {
                    all.put(key, "dir");
                }
            }
        }
        return all;
    }

    @Test
    void outOfAnotherRunsDirectoryIsRefusedAndNothingIsTouched() throws IOException {
        Path out = dir.resolve("earlier");
        Files.createDirectories(out.resolve("checkpoint"));
        Files.writeString(out.resolve("summary.md"), "earlier run");
        Files.writeString(out.resolve("checkpoint").resolve("state.json"), "{}");
        Map<String, String> before = contents(out);
        CliTest.Result r = CliTest.prune("run", recipe(RECIPE).toString(), "--out", out.toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertEquals("error: " + out + " already holds files; give a new or empty directory to --out, or continue "
                + "that run with --resume " + out + "\n", r.err());
        assertEquals(before, contents(out));
    }

    @Test
    void anEmptyDirectoryIsANewRunsToTake() throws IOException {
        Path out = Files.createDirectories(dir.resolve("empty"));
        try (RunLock lock = RunLock.claimNew(out)) {
            assertEquals(out.toRealPath(), lock.dir());
            assertTrue(Files.readString(out.resolve(RunLock.FILE)).startsWith(ProcessHandle.current().pid() + "\n"));
        }
    }

    @Test
    void aSecondWriterGetsOneSentenceExitOneAndWritesNothing() throws IOException {
        Path out = Files.createDirectories(dir.resolve("busy"));
        try (RunLock held = RunLock.claimNew(out)) {
            Files.writeString(out.resolve("manifest.json"), "{\"status\": \"running\"}");
            Map<String, String> before = contents(out);
            CliTest.Result resume = CliTest.prune("run", "--resume", out.toString());
            assertEquals(Main.RUN_FAILED, resume.code());
            assertEquals("error: " + out + " is being written by another prune process (pid "
                    + ProcessHandle.current().pid() + "); wait for it to end or give another --out\n", resume.err());
            assertEquals(before, contents(out));
        }
        Path empty = Files.createDirectories(dir.resolve("empty-but-locked"));
        try (RunLock held = RunLock.claimNew(empty)) {
            CliTest.Result fresh = CliTest.prune("run", recipe(RECIPE).toString(), "--out", empty.toString());
            assertEquals(Main.RUN_FAILED, fresh.code());
            assertTrue(fresh.err().contains("is being written by another prune process"), fresh.err());
            try (Stream<Path> files = Files.list(empty)) {
                assertEquals(1, files.count(), "only the lock file");
            }
        }
    }

    @Test
    void unnamedRunsGetTheirOwnDirectoriesEvenInTheSameSecond() {
        Path runs = dir.resolve("runs");
        try (RunLock a = RunLock.claimUnique(runs, "r"); RunLock b = RunLock.claimUnique(runs, "r");
             RunLock c = RunLock.claimUnique(runs, "r")) {
            assertEquals(3, Stream.of(a, b, c).map(RunLock::dir).distinct().count());
            assertTrue(b.dir().getFileName().toString().matches("r-\\d{8}-\\d{6}(-\\d+)?"), b.dir().toString());
        }
    }

    @Test
    void resumeRefusesARunDirectoryHoldingALinkAndLeavesItsTargetAlone() throws IOException {
        Path out = Files.createDirectories(dir.resolve("planted"));
        Files.writeString(out.resolve("manifest.json"), "{\"status\": \"running\"}");
        Path victim = Files.writeString(dir.resolve("victim.csv"), "precious\n");
        Files.createSymbolicLink(out.resolve("cycles.csv"), victim);
        CliTest.Result r = CliTest.prune("run", "--resume", out.toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertEquals("error: " + out.resolve("cycles.csv") + " is a symbolic link; a run directory holds only its "
                + "own files, so Prune will not write through it\n", r.err());
        assertEquals("precious\n", Files.readString(victim));

        Path checkpointLink = Files.createDirectories(dir.resolve("planted2"));
        Files.writeString(checkpointLink.resolve("manifest.json"), "{\"status\": \"running\"}");
        Path folder = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(folder.resolve("engine-1-1.zip"), "not Prune's");
        Files.createSymbolicLink(checkpointLink.resolve("checkpoint"), folder);
        assertEquals(Main.RECIPE_ERROR, CliTest.prune("run", "--resume", checkpointLink.toString()).code());
        assertEquals("not Prune's", Files.readString(folder.resolve("engine-1-1.zip")));
    }

    @Test
    void aRecipeCannotSaveOverTheRunsOwnRecords() throws IOException {
        for (String name : new String[] {"recipe.prune", "epochs.csv", "checkpoint/state.json", "manifest.json.tmp"}) {
            CliTest.Result r = CliTest.prune("check", recipe(RECIPE + "save \"" + name + "\"\n").toString());
            assertEquals(Main.RECIPE_ERROR, r.code(), name);
            String record = name.substring(0, name.contains("/") ? name.indexOf('/') : name.length())
                    .replace(".tmp", "");
            assertTrue(r.err().contains("r.prune:5:1: error: save would write over " + record + ", which the run "
                    + "directory keeps for its own records"), r.err());
        }
        assertEquals(Main.OK, CliTest.prune("check", recipe(RECIPE + "save \"models/recipe.prune.zip\"\n")
                .toString()).code());
    }

    @Test
    void anImportThatLeadsToAFileThatIsNotARecipeIsNotQuoted() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "root:x:0:0:do not print me\n");
        Files.createSymbolicLink(dir.resolve("pol.prune"), secret);
        CliTest.Result r = CliTest.prune("check", recipe("import \"pol\"\n" + RECIPE).toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertTrue(r.err().contains("r.prune:1:1: error: cannot import \"pol\": " + dir.resolve("pol.prune")
                + " leads to " + secret.toRealPath() + ", which is not a .prune recipe"), r.err());
        assertFalse(r.err().contains("do not print me"), r.err());
    }

    @Test
    void aRecipeThatLeadsToAFileThatIsNotARecipeIsNotQuoted() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "root:x:0:0:do not print me\n");
        Path link = Files.createSymbolicLink(dir.resolve("evil.prune"), secret);
        for (String[] command : new String[][] {{"check", link.toString()}, {"plan", link.toString()},
                {"run", link.toString(), "--out", dir.resolve("o").toString()}}) {
            CliTest.Result r = CliTest.prune(command);
            assertEquals(Main.RECIPE_ERROR, r.code(), command[0]);
            assertTrue(r.err().contains("cannot read " + link + ": it leads to " + secret.toRealPath()
                    + ", which is not a .prune recipe"), r.err());
            assertFalse(r.err().contains("do not print me"), r.err());
        }
        CliTest.Result named = CliTest.prune("check", secret.toString());
        assertEquals(Main.RECIPE_ERROR, named.code());
        assertEquals("error: cannot read " + secret + ": it is not a .prune recipe\n1 error\n", named.err());
        assertFalse(Files.exists(dir.resolve("o")), "nothing was created");
    }

    @Test
    void invalidUtf8IsReportedWithLineAndColumn() throws IOException {
        Path bad = dir.resolve("bad.prune");
        Files.write(bad, new byte[] {'l', 'r', ' ', '1', '\n', 'm', 'o', (byte) 0xff, 'd', '\n'});
        CliTest.Result r = CliTest.prune("check", bad.toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertTrue(r.err().contains("cannot read " + bad + ": byte 0xff at line 2, column 3 is not UTF-8; save the "
                + "recipe as UTF-8"), r.err());
    }

    @Test
    void devicesFifosAndHugeFilesAreRefusedWithOneSentence() throws Exception {
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.exists(zero), "this system has no /dev/zero");
        CliTest.Result r = CliTest.prune("check", zero.toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertTrue(r.err().contains("cannot read /dev/zero: it is not a regular file"), r.err());

        Path fifo = dir.resolve("pipe.prune");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        CliTest.Result f = CliTest.prune("check", fifo.toString());
        assertEquals(Main.RECIPE_ERROR, f.code());
        assertTrue(f.err().contains("it is not a regular file"), f.err());

        Path huge = dir.resolve("huge.prune");
        Files.write(huge, new byte[(int) dev.prune.source.SourceFile.MAX_BYTES + 1]);
        CliTest.Result h = CliTest.prune("check", huge.toString());
        assertEquals(Main.RECIPE_ERROR, h.code());
        assertTrue(h.err().contains("cannot read " + huge + ": it is 1048577 bytes; a recipe may be at most 1048576 "
                + "bytes"), h.err());
    }

    @Test
    void threadCountsBeyondTheMachineAreRefusedFromTheCommandLineAndFromAManifest() throws IOException {
        CliTest.Result r = CliTest.prune("run", recipe(RECIPE).toString(), "--threads", "20000",
                "--out", dir.resolve("t").toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertTrue(r.err().contains("--threads must be at most " + Runner.MAX_THREADS), r.err());
        assertFalse(Files.exists(dir.resolve("t")), "nothing was created");

        Path out = Files.createDirectories(dir.resolve("edited"));
        Files.writeString(out.resolve("manifest.json"), "{\"status\": \"running\", \"threads\": 100000}");
        CliTest.Result resume = CliTest.prune("run", "--resume", out.toString());
        assertEquals(Main.RECIPE_ERROR, resume.code());
        assertTrue(resume.err().contains("its manifest.json says threads 100000, outside 1.." + Runner.MAX_THREADS),
                resume.err());
    }

    @Test
    void deepNestingThroughSetIsOneSentence() throws IOException {
        Path p = recipe("param x = 1\n" + RECIPE);
        CliTest.Result r = CliTest.prune("check", "--set", "x=" + "(".repeat(10_000) + "1" + ")".repeat(10_000),
                p.toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertTrue(r.err().startsWith("error: --set x=((("), r.err().substring(0, 300));
        assertTrue(r.err().contains(": not a value; write e.g. --set x=0.05 or --set x=20%"),
                r.err().substring(r.err().length() - 300));
        assertFalse(r.err().contains("StackOverflow"), "no stack trace");
    }
}

package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study on DL4J: runs in parallel give the numbers of runs one after another, and --resume finishes one. */
@Tag("slow")
class StudyRunTest {
    @TempDir
    Path dir;

    @Test
    void aParallelStudyHasTheNumbersOfASequentialOneAndResumeRedoesWhatIsMissing() throws IOException {
        Path recipe = dir.resolve("tiny.prune");
        Files.writeString(recipe, StudyCommandTest.RECIPE);
        Path sequential = dir.resolve("seq");
        Path parallel = dir.resolve("par");
        String[] study = {"study", recipe.toString(), "--seeds", "1,2", "--grid", "rate=[20%, 50%]"};

        CliTest.Result one = CliTest.prune(with(study, "--parallel", "1", "--out", sequential.toString()));
        assertEquals(Main.OK, one.code(), one.out() + one.err());
        CliTest.Result two = CliTest.prune(with(study, "--parallel", "2", "--out", parallel.toString()));
        assertEquals(Main.OK, two.code(), two.out() + two.err());
        assertTrue(two.out().contains("4 runs, 2 at a time"), two.out());

        List<String> table = RecordsRunTest.withoutSeconds(sequential.resolve("study.csv"));
        assertEquals(1 + 4 * 3, table.size(), "three cycle rows (0, 1, 2) of each of four runs");
        assertEquals(table, RecordsRunTest.withoutSeconds(parallel.resolve("study.csv")));
        assertTrue(table.get(1).startsWith("01-rate_20pct-seed_1,rate=20%,1,20%,ok,0,"), table.get(1));
        assertTrue(table.get(12).startsWith("04-rate_50pct-seed_2,rate=50%,2,50%,ok,2,0.75,"), table.get(12));
        String summary = Files.readString(parallel.resolve("summary.md"));
        assertTrue(summary.contains("| cycle | rate=20% | rate=50% |"), summary);
        assertTrue(summary.contains("| rate=50% | 2 | 75.00 ± 0.00% |"), summary);
        assertTrue(Files.size(parallel.resolve("accuracy.png")) > 1000);

        Path lost = parallel.resolve("runs").resolve("03-rate_50pct-seed_1");
        deleteTree(lost);
        CliTest.Result resumed = CliTest.prune("study", "--resume", parallel.toString());
        assertEquals(Main.OK, resumed.code(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("[3/4] start 03-rate_50pct-seed_1"), resumed.out());
        assertTrue(resumed.out().contains("4 runs, 1 ran now, 4 finished ok"), resumed.out());
        assertEquals(table, RecordsRunTest.withoutSeconds(parallel.resolve("study.csv")));
    }

    @Test
    void aFailedRunIsReportedWithItsErrorAndTheOthersFinish() throws IOException {
        Path recipe = dir.resolve("floor.prune");
        Files.writeString(recipe, """
                seed 2
                param floor = 0%
                model mlp(784, 16, 10)
                data shapes(train=120, test=60)
                lr 0.1
                train 1 epoch
                prune l1 by 20% every cycle
                retrain 1 epoch
                run 2 cycles
                expect accuracy >= floor
                """);
        Path out = dir.resolve("s");
        CliTest.Result r = CliTest.prune("study", recipe.toString(), "--grid", "floor=[100%, 0%]", "--parallel", "2",
                "--out", out.toString());
        assertEquals(Main.RUN_FAILED, r.code(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*\\[1/2\\] FAILED 01-floor_100pct \\(exit 1\\): error: 1 expectation did "
                + "not hold; see .*01-floor_100pct\\.log\n.*"), r.out());
        assertTrue(r.out().contains("[2/2] done 02-floor_0pct: cycle 2: accuracy"), r.out());
        assertTrue(r.out().contains("2 runs, 2 ran now, 1 finished ok, 1 not"), r.out());
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("- **finished**: 1 of 2 (not in the statistics: 01-floor_100pct: failed)"), summary);
        assertTrue(summary.contains("| floor=0% | 2 | 36.00% |"), summary);
        List<String> table = Files.readAllLines(out.resolve("study.csv"));
        assertTrue(table.get(1).startsWith("01-floor_100pct,floor=100%,2,100%,failed,0,"), table.toString());
        assertEquals(1 + 3 + 3, table.size(), "every cycle row of both runs, the failed one's marked");
    }

    private static String[] with(String[] args, String... more) {
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prune study} without training: bad options, checks of every grid point, the plan and its commands. */
class StudyCommandTest {
    @TempDir
    Path dir;

    static final String RECIPE = """
            seed 1
            param rate = 20%
            model mlp(784, 16, 10)
            data shapes(train=120, test=60)
            lr 0.1
            train 1 epoch
            prune l1 by rate every cycle
            retrain 1 epoch
            run 2 cycles
            """;

    private Path recipe() throws IOException {
        Path file = dir.resolve("tiny.prune");
        Files.writeString(file, RECIPE);
        return file;
    }

    @Test
    void badSeedsAreOneSentenceAndExitTwo() throws IOException {
        CliTest.Result r = CliTest.prune("study", recipe().toString(), "--seeds", "1,x", "--out", dir.resolve("s").toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertEquals("error: --seeds 1,x: 'x' is not a whole number; write e.g. --seeds 1,2,3\n", r.err());
        r = CliTest.prune("study", recipe().toString(), "--seeds", "2,2");
        assertEquals("error: --seeds 2,2: seed 2 is given twice\n", r.err());
        assertFalse(Files.exists(dir.resolve("s")), "nothing is made for a study that cannot start");
    }

    @Test
    void gridValuesAreParsedAsInARecipeAndEveryPointIsCheckedBeforeAnythingStarts() throws IOException {
        CliTest.Result r = CliTest.prune("study", recipe().toString(), "--grid", "rate=20%");
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertEquals("error: --grid rate=20%: the values are not a list written as in a recipe; "
                + "write e.g. --grid 'rate=[20%, 50%]'\n", r.err());

        Path out = dir.resolve("s");
        r = CliTest.prune("study", recipe().toString(), "--grid", "rate=[20%, 150%]", "--out", out.toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertTrue(r.err().startsWith("grid point rate=150%:\n"), r.err());
        assertTrue(r.err().contains("tiny.prune:7:13: error: prune rate must be between 0% and 100%"), r.err());
        assertTrue(r.err().endsWith("1 of 2 grid points have errors; nothing was run\n"), r.err());
        assertFalse(r.err().contains("grid point rate=20%"), r.err());
        assertFalse(Files.exists(out));

        r = CliTest.prune("study", recipe().toString(), "--grid", "rat=[1]", "--out", out.toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertTrue(r.err().contains("error: --set rat: " + recipe() + " has no param 'rat'; did you mean 'rate'? (params: rate)"), r.err());
    }

    @Test
    void aClusterAddressThatIsNotHostPortIsOneSentenceAndNothingStarts() throws IOException {
        Path out = dir.resolve("s");
        CliTest.Result r = CliTest.prune("study", recipe().toString(), "--cluster", "localhost", "--out", out.toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertEquals("error: --cluster localhost: 'localhost' is not HOST:PORT (e.g. 127.0.0.1:5701)\n", r.err());
        assertFalse(Files.exists(out));
        CliTest.Result both = CliTest.prune("study", recipe().toString(), "--cluster", "127.0.0.1:5701",
                "--parallel", "2");
        assertEquals(Main.RECIPE_ERROR, both.code());
        assertEquals("error: --cluster places runs on the workers' slots; it takes neither --parallel nor --list\n",
                both.err());
    }

    @Test
    void aWorkerWithBadOptionsIsOneSentence() {
        CliTest.Result slots = CliTest.prune("worker", "--slots", "0");
        assertEquals(Main.RECIPE_ERROR, slots.code());
        assertEquals("error: --slots must be at least 1\n", slots.err());
        CliTest.Result join = CliTest.prune("worker", "--join", "127.0.0.1:5701,host");
        assertEquals(Main.RECIPE_ERROR, join.code());
        assertEquals("error: --join 127.0.0.1:5701,host: 'host' is not HOST:PORT (e.g. 127.0.0.1:5701)\n", join.err());
    }

    @Test
    void listWritesThePlanAndPrintsOneRunCommandPerRunThatResumeGathers() throws IOException {
        Path out = dir.resolve("s");
        CliTest.Result r = CliTest.prune("study", recipe().toString(), "--grid", "rate=[20%, 40%]", "--seeds", "3,4",
                "--threads-per-run", "2", "--out", out.toString(), "--list");
        assertEquals(Main.OK, r.code(), r.err());
        String runs = out.toAbsolutePath().resolve("runs").toString();
        assertEquals(List.of(
                "prune run " + recipe() + " --out " + runs + "/01-rate_20pct-seed_3 --seed 3 --set rate=20% --threads 2",
                "prune run " + recipe() + " --out " + runs + "/02-rate_20pct-seed_4 --seed 4 --set rate=20% --threads 2",
                "prune run " + recipe() + " --out " + runs + "/03-rate_40pct-seed_3 --seed 3 --set rate=40% --threads 2",
                "prune run " + recipe() + " --out " + runs + "/04-rate_40pct-seed_4 --seed 4 --set rate=40% --threads 2"),
                r.out().lines().toList());
        assertTrue(Files.isRegularFile(out.resolve("study.json")));

        CliTest.Result again = CliTest.prune("study", recipe().toString(), "--out", out.toString());
        assertEquals(Main.RECIPE_ERROR, again.code());
        assertEquals("error: " + out + " is not empty; give a new --out DIR, or finish that study with "
                + "prune study --resume " + out + "\n", again.err());

        CliTest.Result mixed = CliTest.prune("study", "--resume", out.toString(), "--seeds", "1");
        assertEquals(Main.RECIPE_ERROR, mixed.code());
        assertTrue(mixed.err().contains("give only --resume DIR"), mixed.err());

        CliTest.Result notAStudy = CliTest.prune("study", "--resume", dir.toString());
        assertEquals("error: " + dir + " is not a study directory: it has no study.json\n", notAStudy.err());
    }
}

package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.dl4j.Dl4jEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PLATON inside training, on the built-in shapes: the sparsity follows the cubic as gradual
 * magnitude pruning's does, but the weights that go are others.
 */
@Tag("slow")
class PlatonRunTest {
    @TempDir
    Path dir;

    private Path run(String name, String criterion) throws IOException {
        Path recipe = dir.resolve(name + ".prune");
        Files.writeString(recipe, """
                seed 5
                model lenet_300_100
                data shapes(train=600, test=200)
                optimizer sgd(momentum=0.9)
                lr 0.05
                prune global %s to 80%% every 2 iterations until 10 iterations
                retrain 5 iterations
                run 2 cycles
                save "end.zip"
                """.formatted(criterion));
        Path out = dir.resolve(name);
        CliTest.Result r = CliTest.prune("run", recipe.toString(), "--out", out.toString());
        assertEquals(Main.OK, r.code(), r.out() + r.err());
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<float[]> masks(Path run) throws IOException {
        return (List<float[]>) ModelSerializer.getObjectFromFile(run.resolve("end.zip").toFile(),
                Dl4jEngine.MASKS_ENTRY);
    }

    private static List<String> sparsity(Path run) throws IOException {
        return Files.readAllLines(run.resolve("cycles.csv")).stream().skip(1)
                .map(line -> line.split(",", -1)[1]).toList();
    }

    @Test
    void prunesOnTheCubicByItsOwnScores() throws IOException {
        Path platon = run("platon", "platon");
        Path magnitude = run("l1", "l1");
        // The same schedule: 0, 62.72% at t = 4 (0.8 - 0.8 (1 - 4/10)^3), then 80%.
        assertEquals(sparsity(magnitude), sparsity(platon));
        assertEquals(0.6272, Double.parseDouble(sparsity(platon).get(1)), 2e-4);
        assertEquals(0.8, Double.parseDouble(sparsity(platon).get(2)), 2e-4);
        List<float[]> p = masks(platon);
        List<float[]> m = masks(magnitude);
        assertTrue(!Arrays.equals(p.get(0), m.get(0)), "platon's masks are not magnitude's");
    }

    /**
     * Killed inside cycle 2 while PLATON is still pruning, then resumed: the averages come back
     * from the checkpoint, so the tables are those of the run without a break.
     */
    @Test
    void aRunKilledMidCycleResumesToTheTablesOfAnUnbrokenRun() throws Exception {
        Path recipe = dir.resolve("resume.prune");
        Files.writeString(recipe, """
                seed 5
                model lenet_300_100
                data shapes(train=1500, test=200)
                optimizer sgd(momentum=0.9)
                lr 0.05
                train 1 epoch
                prune global platon to 80% every 5 iterations until 5 epochs
                retrain 2 epochs
                run 3 cycles
                """);
        Path straight = dir.resolve("straight");
        CliTest.Result whole = CliTest.prune("run", recipe.toString(), "--out", straight.toString());
        assertEquals(Main.OK, whole.code(), whole.out() + whole.err());

        Path killed = dir.resolve("killed");
        Process child = new ProcessBuilder(RecordsRunTest.javaCommand("run", recipe.toString(), "--out",
                killed.toString())).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            RecordsRunTest.waitForFirstEpochOfCycle2(killed, child);
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(3, Files.readAllLines(killed.resolve("cycles.csv")).size(), "killed inside cycle 2");

        CliTest.Result resumed = CliTest.prune("run", "--resume", killed.toString());
        assertEquals(Main.OK, resumed.code(), resumed.err() + resumed.out());
        assertTrue(resumed.out().contains("resume " + killed + " after cycle "), resumed.out());
        for (String table : List.of("cycles.csv", "epochs.csv")) {
            assertEquals(RecordsRunTest.withoutSeconds(straight.resolve(table)),
                    RecordsRunTest.withoutSeconds(killed.resolve(table)), table);
        }
        // Still pruning after the checkpoint: cycle 2 and 3 raise the sparsity, so the averages mattered.
        List<String> s = sparsity(straight);
        assertTrue(Double.parseDouble(s.get(3)) > Double.parseDouble(s.get(2))
                && Double.parseDouble(s.get(2)) > Double.parseDouble(s.get(1)), s.toString());
    }
}

package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prune run end to end on DL4J, on tiny built-in data. */
@Tag("slow")
class RunTest {
    @TempDir
    Path dir;

    private static final String RECIPE = """
            seed 5
            model lenet_300_100
            data shapes(train=1600, test=200, val=100)
            optimizer sgd(momentum=0.9)
            lr 0.05
            train 2 epochs
            prune global l1 by 20% every cycle
            rewind to init
            retrain 2 epochs
            run 3 cycles
            expect sparsity >= 48%
            """;

    private Path recipe(String text) throws IOException {
        Path file = dir.resolve("r.prune");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void runWritesTheRecipeAndOneCsvRowPerCycleAtTheExactSparsity() throws IOException {
        Path out = dir.resolve("out");
        CliTest.Result r = CliTest.prune("run", recipe(RECIPE).toString(), "--out", out.toString());
        assertEquals(Main.OK, r.code(), r.err());
        assertEquals(RECIPE, Files.readString(out.resolve("recipe.prune")));
        List<String> lines = Files.readAllLines(out.resolve("cycles.csv"));
        assertTrue(lines.get(0).startsWith("cycle,sparsity,accuracy,loss,"), lines.get(0));
        assertTrue(lines.get(0).contains("lr_max") && lines.get(0).contains("seconds")
                && lines.get(0).endsWith("sparsity_fc1,sparsity_fc2,sparsity_out"), lines.get(0));
        assertEquals(5, lines.size());
        double[] expected = {0, 0.2, 0.36, 0.488};
        for (int c = 0; c <= 3; c++) {
            String[] cells = lines.get(c + 1).split(",", -1);
            assertEquals(c, Integer.parseInt(cells[0]));
            assertEquals(expected[c], Double.parseDouble(cells[1]), 1e-5);
            double accuracy = Double.parseDouble(cells[2]);
            assertTrue(accuracy > 0.2 && accuracy <= 1, "accuracy is a fraction above chance: " + accuracy);
        }
        assertTrue(r.out().contains("expect held"), r.out());
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"status\" : \"ok\""));
    }

    @Test
    void sameSeedAndThreadsGiveIdenticalNumbers() throws IOException {
        Path recipe = recipe(RECIPE);
        for (String[] args : List.of(new String[] {"--out", dir.resolve("a").toString()},
                new String[] {"--out", dir.resolve("b").toString()},
                new String[] {"--seed", "6", "--out", dir.resolve("c").toString()})) {
            List<String> command = new java.util.ArrayList<>(List.of("run", recipe.toString()));
            command.addAll(List.of(args));
            CliTest.Result r = CliTest.prune(command.toArray(String[]::new));
            assertEquals(Main.OK, r.code(), r.err());
        }
        assertEquals(cycles("a"), cycles("b"));
        assertFalse(cycles("a").equals(cycles("c")), "another seed gives other numbers");
    }

    /** The cycles.csv of run directory {@code name}, without its timing column. */
    private List<String> cycles(String name) throws IOException {
        return RecordsRunTest.withoutSeconds(dir.resolve(name).resolve("cycles.csv"));
    }

    @Test
    void aSavedModelLoadsBackWithItsWeightsAndMasks() throws IOException {
        Path out = dir.resolve("saved");
        String saving = RECIPE + "save \"m.zip\"\n";
        assertEquals(Main.OK, CliTest.prune("run", recipe(saving).toString(), "--out", out.toString()).code());
        List<String> first = Files.readAllLines(out.resolve("cycles.csv"));
        String[] last = first.get(first.size() - 1).split(",", -1);
        Path again = out.resolve("again.prune");
        Files.writeString(again, "seed 5\nmodel \"m.zip\"\ndata shapes(train=1600, test=200, val=100)\nevaluate\n");
        CliTest.Result r = CliTest.prune("run", again.toString(), "--out", dir.resolve("loaded").toString());
        assertEquals(Main.OK, r.code(), r.err());
        String expected = String.format(java.util.Locale.ROOT, "evaluate: accuracy %.2f%%",
                100 * Double.parseDouble(last[2]));
        assertTrue(r.out().contains(expected), expected + " in " + r.out());
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "at sparsity %.2f%%",
                100 * Double.parseDouble(last[1]))), r.out());
    }

    @Test
    void aFailedExpectationExitsOne() throws IOException {
        CliTest.Result r = CliTest.prune("run", recipe(RECIPE.replace("expect sparsity >= 48%",
                "expect accuracy >= 100%")).toString(), "--out", dir.resolve("x").toString());
        assertEquals(Main.RUN_FAILED, r.code());
        assertTrue(r.out().contains("expect FAILED: accuracy >= 100%"), r.out());
    }

    @Test
    void badDataIsOneSentenceNamingThePathAndKeepsTheRunDirectory() throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.write(data.resolve("train-images-idx3-ubyte"), new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
        String text = "model lenet_300_100\ndata idx(dir=\"" + data + "\")\nlr 0.1\ntrain 1 epoch\n";
        Path out = dir.resolve("y");
        CliTest.Result r = CliTest.prune("run", recipe(text).toString(), "--out", out.toString());
        assertEquals(Main.RUN_FAILED, r.code());
        assertTrue(r.err().contains(data.toString()), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertTrue(Files.exists(out.resolve("recipe.prune")));
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("failed"));
    }
}

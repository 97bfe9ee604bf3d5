package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.report.Console;
import dev.prune.repl.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DropNet recipe run by the interpreter: each cycle's pruning reads the statistics that the
 * previous cycle's record already measured for its dead-neuron rate, and the run's records are
 * those of a run in which every question makes a pass of its own.
 */
@Tag("slow")
class SharedActivityRunTest {
    private static final String RECIPE = String.join("\n",
            "model lenet5",
            "data shapes(train=600, test=200, batch=60)",
            "lr 0.05",
            "train 1 epoch",
            "prune dropnet by 20% every cycle except output",
            "retrain 1 epoch",
            "run 2 cycles",
            "");

    @TempDir
    Path work;

    @Test
    void eachPruningReusesThePassOfTheRecordBeforeItWithTheSameRecords() throws IOException {
        Dl4jEngine shared = new Dl4jEngine();
        Dl4jEngine separate = new Dl4jEngine();
        separate.activityCache().sharing(false);
        List<String> one = run(shared, "shared");
        List<String> other = run(separate, "separate");
        assertEquals(other, one);
        // SMALL-sized data: 600 examples, two chunks per pass; the two prunings made no pass.
        assertEquals(separate.activityCache().chunks() - 2 * 2, shared.activityCache().chunks(),
                "passes: shared " + shared.activityCache().chunks() + ", separate " + separate.activityCache().chunks());
    }

    /** cycles.csv of the recipe run on this engine, without its wall-time column. */
    private List<String> run(Dl4jEngine engine, String name) throws IOException {
        StringWriter screen = new StringWriter();
        PrintWriter out = new PrintWriter(screen, true);
        try (Session session = new Session(new Session.Setup(() -> engine, 1, work, Path.of(name), out,
                new Console(out, false), null, () -> false))) {
            assertEquals(Session.Outcome.DONE, session.eval(RECIPE), screen.toString());
        }
        List<String> lines = Files.readAllLines(work.resolve(name).resolve("cycles.csv"));
        int seconds = Arrays.asList(lines.get(0).split(",", -1)).indexOf("seconds");
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
            cells.remove(seconds);
            kept.add(String.join(",", cells));
        }
        assertEquals(4, kept.size(), "header and cycles 0 to 2: " + kept);
        return kept;
    }
}

package dev.prune.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.cli.Main;
import dev.prune.dl4j.Dl4jEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session on the DL4J engine, stopped once in the middle of a cycle, then saved: 'prune run' of
 * the saved recipe gives the same cycles.csv as the session, to the last digit (seconds aside).
 * With momentum, so the stopped cycle is taken back with the optimizer's state too.
 */
@Tag("slow")
class SaveAndRunTest {
    @TempDir
    Path work;

    private static final String SESSION = String.join("\n",
            "model mlp(784, 64, 10)",
            "data shapes(train=600, test=200, batch=60)",
            "optimizer sgd(momentum=0.9)",
            "lr 0.1",
            "train 1 epoch",
            "prune l1 by 30% every cycle except output",
            "retrain 1 epoch",
            "run 1 cycle",
            "evaluate",
            "lr 0.05",
            "!stop cycle 3",
            "run 3 cycles",
            "run 1 cycle",
            ":save session.prune",
            "");

    @Test
    void theSavedRecipeReproducesTheSession() throws IOException {
        String screen = new Transcript(work, Dl4jEngine::new).play(SESSION);
        assertTrue(screen.contains("cycle 3 stopped after 1 of 10 iterations; the model is as after cycle 2"), screen);
        String saved = Files.readString(work.resolve("session.prune"));
        assertEquals(String.join("\n",
                "# A prune repl session: the statements that changed its state, in order.",
                "model mlp(784, 64, 10)",
                "data shapes(train=600, test=200, batch=60)",
                "optimizer sgd(momentum=0.9)",
                "lr 0.1",
                "train 1 epoch",
                "prune l1 by 30% every cycle except output",
                "retrain 1 epoch",
                "run 1 cycle",
                "lr 0.05",
                "run 1 cycle",
                "run 1 cycle",
                ""), saved);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"run", work.resolve("session.prune").toString(), "--out",
                work.resolve("file-run").toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(Main.OK, code, err.toString());

        List<String> session = withoutSeconds(work.resolve("run/cycles.csv"));
        List<String> file = withoutSeconds(work.resolve("file-run/cycles.csv"));
        assertEquals(5, session.size(), "header and cycles 0 to 3: " + session);
        assertEquals(session, file);
    }

    /** cycles.csv without its wall-time column. */
    private static List<String> withoutSeconds(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int seconds = Arrays.asList(lines.get(0).split(",", -1)).indexOf("seconds");
        return lines.stream().map(l -> {
            List<String> cells = new java.util.ArrayList<>(Arrays.asList(l.split(",", -1)));
            cells.remove(seconds);
            return String.join(",", cells);
        }).collect(Collectors.toList());
    }
}

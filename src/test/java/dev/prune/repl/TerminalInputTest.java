package dev.prune.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.report.Console;
import dev.prune.testing.FakeEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JLine wiring on a dumb terminal: Tab completes, Enter continues an unfinished entry,
 * history is kept. The terminal says it is "ansi": with type "dumb" JLine reads plain lines
 * and a Tab would be typed as a character.
 */
class TerminalInputTest {
    @TempDir
    Path dir;

    @Test
    void tabCompletesEnterContinuesAndHistoryIsKept() throws IOException {
        String typed = "mod\tlenet_300_100\n"
                + "data shapes(train=300,\n"
                + "test=100, batch=100)\n"
                + "prune l1 by 20% every\n"
                + "cycle\n"
                + ":quit\n";
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out, true);
        Path history = dir.resolve("history");
        AtomicBoolean cancel = new AtomicBoolean();
        try (Terminal terminal = new DumbTerminal("test", "ansi",
                new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8);
             Session session = new Session(new Session.Setup(() -> new FakeEngine(new ArrayList<>()), 1, dir,
                     Path.of("run"), writer, new Console(writer, false), null, cancel::get))) {
            new Repl(session, writer).run(new TerminalInput(terminal, session, history, cancel), null);
            assertEquals("# A prune repl session: the statements that changed its state, in order.\n"
                    + "model lenet_300_100\ndata shapes(train=300, test=100, batch=100)\nprune l1 by 20% every cycle\n",
                    session.recipe());
        }
        assertTrue(out.toString().contains("model lenet_300_100: fc1 784->300"), out.toString());
        String saved = Files.readString(history);
        assertTrue(saved.contains("model lenet_300_100"), saved);
        assertTrue(saved.contains(":quit"), saved);
    }
}

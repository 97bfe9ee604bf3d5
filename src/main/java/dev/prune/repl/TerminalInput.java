package dev.prune.repl;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * Entries from a terminal through JLine: history kept in a file across sessions, highlighting,
 * Tab completion, multi-line entries. Ctrl-C at the prompt clears the line; while a statement
 * runs it sets the flag that training polls, so the run stops at the next iteration.
 */
public final class TerminalInput implements Repl.Input {
    private final LineReader reader;
    private final AtomicBoolean cancel;

    public TerminalInput(Terminal terminal, Session session, Path history, AtomicBoolean cancel) {
        this.cancel = cancel;
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("prune")
                .parser(new InputParser())
                .highlighter(new Highlighting(session.registry()))
                .completer((lineReader, line, candidates) -> {
                    Completion.Result result = Completion.complete(session, line.line().substring(0, line.cursor()));
                    for (Completion.Candidate c : result.candidates()) {
                        candidates.add(new Candidate(c.value(), c.value(), null, null, null, null, c.complete()));
                    }
                })
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, Repl.MORE)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_TAB, false)
                .option(LineReader.Option.AUTO_FRESH_LINE, true);
        if (history != null) {
            builder.variable(LineReader.HISTORY_FILE, history);
        }
        reader = builder.build();
        terminal.handle(Terminal.Signal.INT, signal -> cancel.set(true));
    }

    @Override
    public String entry() {
        while (true) {
            try {
                String text = reader.readLine(Repl.PROMPT);
                cancel.set(false);
                return text;
            } catch (UserInterruptException clear) {
                // Ctrl-C at the prompt: the line is dropped, the session goes on.
                continue;
            } catch (EndOfFileException end) {
                return null;
            }
        }
    }
}

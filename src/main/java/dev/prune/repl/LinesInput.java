package dev.prune.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Entries from plain lines (piped input, scripts, tests): lines are joined while the entry is
 * unfinished, exactly as the terminal does it. No prompt is shown unless a subclass echoes.
 */
public class LinesInput implements Repl.Input {
    private final BufferedReader in;

    public LinesInput(BufferedReader in) {
        this.in = in;
    }

    @Override
    public String entry() {
        String first = line(Repl.PROMPT);
        if (first == null) {
            return null;
        }
        StringBuilder text = new StringBuilder(first);
        while (Entry.incomplete(text.toString())) {
            String more = line(Repl.MORE);
            if (more == null) {
                break;
            }
            text.append('\n').append(more);
        }
        return text.toString();
    }

    /** The next line; the prompt says whether it starts an entry or continues one. */
    protected String line(String prompt) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

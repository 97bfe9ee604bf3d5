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
    private final String name;
    private int lines;
    private int start = 1;
    /** The lines of the entry read so far, while it continues. */
    private StringBuilder text = new StringBuilder();

    /** Entries as typed: each one's positions start at {@code <repl>:1}. */
    public LinesInput(BufferedReader in) {
        this(in, null);
    }

    /**
     * Entries from a script or pipe named {@code name} (such as {@code <stdin>}): positions are
     * lines of the whole input, so an error points at the line it is on.
     */
    public LinesInput(BufferedReader in, String name) {
        this.in = in;
        this.name = name;
    }

    @Override
    public String name() {
        return name != null ? name : Repl.Input.super.name();
    }

    @Override
    public int firstLine() {
        return name != null ? start : 1;
    }

    @Override
    public String entry() {
        start = lines + 1;
        String first = line(Repl.PROMPT);
        if (first == null) {
            return null;
        }
        text = new StringBuilder(first);
        while (Entry.incomplete(text.toString())) {
            String more = line(Repl.MORE);
            if (more == null) {
                break;
            }
            text.append('\n').append(more);
        }
        return text.toString();
    }

    /** The lines of the unfinished entry before the one being read (for completion on a continuation line). */
    protected String pending() {
        return text.toString();
    }

    /** The next line; the prompt says whether it starts an entry or continues one. */
    protected String line(String prompt) {
        try {
            String line = in.readLine();
            if (line != null) {
                lines++;
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

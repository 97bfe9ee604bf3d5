package dev.prune.repl;

import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;

/**
 * JLine's view of the buffer: Enter on an unfinished entry ({@link Entry#incomplete}) asks for
 * another line, and the word under the cursor is what {@link Completion} replaces.
 */
final class InputParser implements Parser {

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
        if (context == ParseContext.ACCEPT_LINE && Entry.incomplete(line)) {
            throw new EOFError(-1, -1, "the statement goes on", "statement");
        }
        int at = Math.min(cursor, line.length());
        String before = line.substring(0, at);
        int start = Completion.start(before);
        return new Line(line, at, before.substring(start));
    }

    /** The whole buffer as one word list; JLine needs only the word at the cursor. */
    private record Line(String line, int cursor, String word) implements CompletingParsedLine {
        @Override
        public int wordCursor() {
            return word.length();
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(word);
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return word.length();
        }

        @Override
        public int rawWordLength() {
            return word.length();
        }
    }
}

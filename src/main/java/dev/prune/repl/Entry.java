package dev.prune.repl;

import dev.prune.parser.Lexeme;
import dev.prune.parser.Lexemes;
import dev.prune.parser.RecipeParser;
import dev.prune.source.SourceFile;

/**
 * When a typed entry is finished, decided by the parser: it goes on to the next line while
 * brackets are open, after a trailing {@code \}, or while the statement merely ended too soon
 * ({@code prune l1 by 20% every}). A blank line ends an entry that is not inside brackets, so a
 * mistake never traps the user in continuation lines. Lines joined because the statement ended
 * too soon get the {@code \} a file would need, so the entry means what was typed.
 */
final class Entry {
    private Entry() {}

    /** True when the REPL should read another line before evaluating. */
    static boolean incomplete(String text) {
        if (text.isBlank() || text.strip().startsWith(":")) {
            return false;
        }
        if (depth(text) > 0) {
            return true;
        }
        String last = text.substring(text.lastIndexOf('\n') + 1);
        if (text.contains("\n") && last.isBlank()) {
            return false;
        }
        return text.stripTrailing().endsWith("\\") || endedEarly(joined(text));
    }

    /** The text with a continuation mark after each line that ended a statement too soon. */
    static String joined(String text) {
        return joined(text, false);
    }

    /**
     * As {@link #joined(String)}; {@code typing}: the last line is still being typed (completion),
     * so the line before it continues even while the last one is blank.
     */
    static String joined(String text, boolean typing) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(lines[i]);
            boolean last = i == lines.length - 1;
            boolean nextBlank = lines[i + (last ? 0 : 1)].isBlank() && !(typing && i + 1 == lines.length - 1);
            if (!last && !lines[i].stripTrailing().endsWith("\\") && !nextBlank
                    && depth(out.toString()) == 0 && endedEarly(out.toString())) {
                out.append(" \\");
            }
            if (!last) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static boolean endedEarly(String text) {
        RecipeParser.Result r = RecipeParser.parse(new SourceFile("<repl>", text));
        return r.incomplete() && r.diagnostics().hasErrors();
    }

    /** Open parentheses, brackets and braces at the end of the text. */
    static int depth(String text) {
        int depth = 0;
        for (Lexeme l : Lexemes.of(text)) {
            if (l.is("(") || l.is("[") || l.is("{")) {
                depth++;
            } else if (l.is(")") || l.is("]") || l.is("}")) {
                depth--;
            }
        }
        return Math.max(0, depth);
    }
}

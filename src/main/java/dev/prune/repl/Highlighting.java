package dev.prune.repl;

import dev.prune.builtins.Registry;
import dev.prune.parser.Lexeme;
import dev.prune.parser.Lexemes;
import java.util.regex.Pattern;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** Colours the line being typed from the grammar's own lexer, so highlighting never disagrees with parsing. */
final class Highlighting implements Highlighter {
    static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    static final AttributedStyle BUILTIN = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
    static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT | AttributedStyle.BLACK);
    static final AttributedStyle ERROR = AttributedStyle.BOLD.foreground(AttributedStyle.RED);
    static final AttributedStyle COMMAND = AttributedStyle.BOLD;

    private final Registry registry;

    Highlighting(Registry registry) {
        this.registry = registry;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        return highlight(buffer);
    }

    AttributedString highlight(String buffer) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        if (buffer.stripLeading().startsWith(":")) {
            int end = buffer.indexOf(' ', buffer.indexOf(':'));
            end = end < 0 ? buffer.length() : end;
            out.styled(COMMAND, buffer.substring(0, end)).append(buffer.substring(end));
            return out.toAttributedString();
        }
        for (Lexeme l : Lexemes.of(buffer)) {
            out.styled(style(l), l.text());
        }
        return out.toAttributedString();
    }

    private AttributedStyle style(Lexeme l) {
        switch (l.kind()) {
            case KEYWORD: return KEYWORD;
            case NAME: return registry.find(l.text()).isPresent() ? BUILTIN : AttributedStyle.DEFAULT;
            case NUMBER: return NUMBER;
            case STRING: return STRING;
            case COMMENT: return COMMENT;
            case ERROR: return ERROR;
            default: return AttributedStyle.DEFAULT;
        }
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) {
        // Errors come from the lexer's own error tokens.
    }

    @Override
    public void setErrorIndex(int errorIndex) {
        // As above.
    }
}

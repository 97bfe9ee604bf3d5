package dev.prune.repl;

import dev.prune.builtins.Registry;
import dev.prune.parser.Lexeme;
import dev.prune.parser.Lexemes;
import java.util.List;
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
        List<Lexeme> lexemes = Lexemes.of(buffer);
        for (int i = 0; i < lexemes.size(); i++) {
            Lexeme l = lexemes.get(i);
            out.styled(argumentName(lexemes, i) ? AttributedStyle.DEFAULT : style(l), l.text());
        }
        return out.toAttributedString();
    }

    /** {@code max} in {@code s_cyc(max=0.1)} names a parameter, though it is a keyword elsewhere. */
    private static boolean argumentName(List<Lexeme> lexemes, int i) {
        if (lexemes.get(i).kind() != Lexeme.Kind.KEYWORD) {
            return false;
        }
        for (int j = i + 1; j < lexemes.size(); j++) {
            if (lexemes.get(j).kind() != Lexeme.Kind.SPACE) {
                return lexemes.get(j).is("=") && !lexemes.get(i).is("let") && !lexemes.get(i).is("param");
            }
        }
        return false;
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

package dev.prune.format;

import dev.prune.ast.Printer;
import dev.prune.parser.Lexeme;
import dev.prune.parser.Lexemes;
import dev.prune.parser.RecipeParser;
import dev.prune.source.Diagnostics;
import dev.prune.source.SourceFile;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The canonical layout of a recipe. It works on the lexer's tokens, comments included, and
 * changes only layout: single spaces between tokens (none inside brackets, before {@code , ; %}
 * or around {@code ..} and an argument's {@code =}), no space or trailing {@code ;} at line
 * ends, four spaces per open bracket or block on continuation lines, at most one blank line in a
 * row and none at the ends. Statements stay on the lines they were written on, so a line of
 * policies joined by {@code ;} (the product card's line) stays one line, and numbers keep their
 * spelling ({@code 1e-3} stays {@code 1e-3}). A comment after code keeps its column when the code
 * still ends before it, so comments aligned by hand stay aligned.
 */
public final class Formatter {

    /** The formatted text, or the syntax errors that prevented formatting (text null). */
    public record Result(String text, Diagnostics diagnostics) {
        public boolean ok() {
            return text != null;
        }
    }

    private final List<Lexeme> lexemes;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder line = new StringBuilder();
    /** Open brackets and braces; a call's parenthesis is recorded as "f(". */
    private final Deque<String> open = new ArrayDeque<>();
    private Lexeme prev;
    private boolean prevUnary;
    private boolean continued;
    private boolean nextContinued;
    private int blankLines;

    private Formatter(List<Lexeme> lexemes) {
        this.lexemes = lexemes;
    }

    public static Result format(SourceFile source) {
        RecipeParser.Result parsed = RecipeParser.parse(source);
        if (parsed.diagnostics().hasErrors()) {
            return new Result(null, parsed.diagnostics());
        }
        Formatter f = new Formatter(Lexemes.of(source.text()));
        String text = f.run();
        String before = Printer.statements(parsed.recipe().statements(), "");
        RecipeParser.Result again = RecipeParser.parse(new SourceFile(source.name(), text));
        if (again.diagnostics().hasErrors() || !before.equals(Printer.statements(again.recipe().statements(), ""))) {
            throw new IllegalStateException("formatting would change the meaning of " + source.name());
        }
        return new Result(text, parsed.diagnostics());
    }

    private String run() {
        for (int i = 0; i < lexemes.size(); i++) {
            Lexeme l = lexemes.get(i);
            switch (l.kind()) {
                case SPACE:
                    break;
                case NEWLINE:
                    endLine();
                    break;
                case CONTINUATION:
                    line.append(" \\");
                    nextContinued = true;
                    endLine();
                    break;
                case COMMENT:
                    comment(l);
                    break;
                default:
                    if (l.is(";") && redundant(i)) {
                        break;
                    }
                    code(l);
            }
        }
        endLine();
        return out.toString();
    }

    /** A ';' with nothing after it on the line, or nothing before it, ends nothing. */
    private boolean redundant(int i) {
        if (prev == null) {
            return true;
        }
        for (int j = i + 1; j < lexemes.size(); j++) {
            Lexeme next = lexemes.get(j);
            if (next.kind() != Lexeme.Kind.SPACE) {
                return next.kind() == Lexeme.Kind.NEWLINE || next.kind() == Lexeme.Kind.COMMENT
                        || next.is(";") || next.is("}");
            }
        }
        return true;
    }

    private void code(Lexeme l) {
        boolean closing = l.is(")") || l.is("]") || l.is("}");
        if (prev == null) {
            indent(closing ? Math.max(0, open.size() - 1) : open.size());
        } else if (Spacing.space(prev, prevUnary, l, "f(".equals(open.peek()))) {
            line.append(' ');
        }
        line.append(l.text());
        if (l.is("(")) {
            open.push(prev != null && prev.kind() == Lexeme.Kind.NAME ? "f(" : "(");
        } else if (l.is("[") || l.is("{")) {
            open.push(l.text());
        } else if (closing && !open.isEmpty()) {
            open.pop();
        }
        prevUnary = Spacing.unary(l, prev);
        prev = l;
    }

    private void comment(Lexeme l) {
        String text = l.text().stripTrailing();
        if (prev == null) {
            indent(open.size());
        } else {
            int column = Math.max(l.column(), line.length() + 1);
            line.append(" ".repeat(column - line.length()));
        }
        line.append(text);
    }

    private void indent(int levels) {
        line.setLength(0);
        line.append("    ".repeat(levels + (continued ? 1 : 0)));
    }

    private void endLine() {
        String text = line.toString().stripTrailing();
        line.setLength(0);
        prev = null;
        prevUnary = false;
        continued = nextContinued;
        nextContinued = false;
        if (text.isEmpty()) {
            blankLines++;
            return;
        }
        if (blankLines > 0 && out.length() > 0) {
            out.append('\n');
        }
        blankLines = 0;
        out.append(text).append('\n');
    }
}

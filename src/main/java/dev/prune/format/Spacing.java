package dev.prune.format;

import dev.prune.parser.Lexeme;
import java.util.Set;

/** Whether one space separates two tokens on a line: the single place the spacing rules live. */
final class Spacing {
    /** Words after which an expression has ended, so a following '-' subtracts. */
    private static final Set<String> ENDS_VALUE = Set.of("epochs", "epoch", "iterations", "iteration", "cycles",
            "cycle", "true", "false", "none");
    private static final Set<String> TIGHT_BEFORE = Set.of(",", ";", ")", "]", "%", "..");
    private static final Set<String> TIGHT_AFTER = Set.of("(", "[", "..");

    private Spacing() {}

    /**
     * @param prev the previous token on the line
     * @param prevUnary whether {@code prev} is a unary minus
     * @param inCall whether the innermost open bracket is a call's parenthesis, where {@code =}
     *               names an argument and is written without spaces
     */
    static boolean space(Lexeme prev, boolean prevUnary, Lexeme cur, boolean inCall) {
        String p = prev.text();
        String c = cur.text();
        if (isSymbol(cur) && TIGHT_BEFORE.contains(c) || isSymbol(prev) && TIGHT_AFTER.contains(p)) {
            return false;
        }
        if (prevUnary) {
            return false;
        }
        if (cur.is("(") && prev.kind() == Lexeme.Kind.NAME) {
            return false;
        }
        if ((cur.is("=") || prev.is("=")) && inCall) {
            return false;
        }
        return true;
    }

    /** A '-' with no value before it negates rather than subtracts. */
    static boolean unary(Lexeme minus, Lexeme before) {
        if (!minus.is("-")) {
            return false;
        }
        if (before == null) {
            return true;
        }
        switch (before.kind()) {
            case NAME: case NUMBER: case STRING:
                return false;
            case KEYWORD:
                return !ENDS_VALUE.contains(before.text());
            default:
                return !(before.is(")") || before.is("]") || before.is("%"));
        }
    }

    private static boolean isSymbol(Lexeme l) {
        return l.kind() == Lexeme.Kind.SYMBOL;
    }
}

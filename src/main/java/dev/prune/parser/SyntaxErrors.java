package dev.prune.parser;

import dev.prune.parser.gen.PruneLexer;
import dev.prune.source.Diagnostics;
import dev.prune.source.SourceFile;
import dev.prune.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Replaces ANTLR's console listener: every syntax error becomes a diagnostic in the project's own
 * words, "unexpected X, expected Y", positioned at the offending token. A missing statement end is
 * reported after the previous token, where the user has to type it.
 */
final class SyntaxErrors extends BaseErrorListener {
    private final SourceFile source;
    private final Diagnostics diagnostics;
    /** Set when the only problem is that the text ended too soon; the REPL then asks for more lines. */
    private boolean endedEarly;
    private boolean otherError;

    SyntaxErrors(SourceFile source, Diagnostics diagnostics) {
        this.source = source;
        this.diagnostics = diagnostics;
    }

    boolean incompleteOnly() {
        return endedEarly && !otherError;
    }

    boolean clean() {
        return !endedEarly && !otherError;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col,
                            String antlrMessage, RecognitionException e) {
        if (!(recognizer instanceof Parser parser)) {
            otherError = true;
            diagnostics.error(new Span(source, line, col + 1, 1), "unexpected character");
            return;
        }
        Token token = (Token) offending;
        if (token.getType() == Token.EOF) {
            endedEarly = true;
        } else {
            otherError = true;
        }
        if (e != null && e.getCtx() instanceof dev.prune.parser.gen.PruneParser.BlockContext block
                && block.getParent() instanceof dev.prune.parser.gen.PruneParser.VariantStmtContext v
                && previous(parser.getInputStream(), token) == v.getStart()) {
            // A name that is not followed by '{' was no named block: a misspelt statement word.
            Token word = v.getStart();
            diagnostics.error(spanOf(word), "unknown statement '" + word.getText() + "'"
                    + dev.prune.builtins.Spelling.hint(word.getText(), STATEMENT_WORDS));
            return;
        }
        if (e == null && "junk".equals(antlrMessage)) {
            diagnostics.error(spanOf(token), junk(token, parser.getInputStream()));
            return;
        }
        IntervalSet expected = e != null && !(e instanceof NoViableAltException)
                ? e.getExpectedTokens() : parser.getExpectedTokens();
        String expectedText = describe(expected, parser);
        String found = describe(token);
        if (token.getType() == PruneLexer.ERRCHAR) {
            diagnostics.error(spanOf(token), "unexpected character " + found);
            return;
        }
        boolean wantsEnd = expected.contains(PruneLexer.SEMI) || expected.contains(PruneLexer.NEWLINE);
        if (wantsEnd && e instanceof InputMismatchException || wantsEnd && e == null) {
            Token previous = previous(parser.getInputStream(), token);
            if (previous != null && previous.getLine() != token.getLine()) {
                diagnostics.error(afterToken(previous), "expected ';' or a new line after "
                        + describe(previous));
                return;
            }
        }
        String hint = wordHint(token, expected, parser);
        String message = "unexpected " + found;
        if (!hint.isEmpty()) {
            message += hint;
        } else if (!expectedText.isEmpty()) {
            message += ", expected " + expectedText;
        }
        diagnostics.error(spanOf(token), message);
    }

    /** "did you mean" among the keywords that could stand here ('every cycles' means 'every cycle'). */
    private static String wordHint(Token token, IntervalSet expected, Parser parser) {
        String text = token.getText();
        if (text == null || !text.matches("[a-zA-Z_][a-zA-Z_0-9]*")) {
            return "";
        }
        List<String> words = new ArrayList<>();
        for (int type : expected.toList()) {
            String literal = parser.getVocabulary().getLiteralName(type);
            if (literal != null && literal.matches("'[a-z]+'")) {
                words.add(literal.substring(1, literal.length() - 1));
            }
        }
        List<String> close = dev.prune.builtins.Spelling.closest(text, words);
        return close.isEmpty() ? "" : "; did you mean '" + close.get(0) + "'?";
    }

    /** The words a statement starts with, for "did you mean" on a misspelt one. */
    static final List<String> STATEMENT_WORDS = List.of("import", "requires", "param", "let", "seed", "model", "data",
            "optimizer", "train", "retrain", "scratch", "prune", "lr", "rewind", "checkpoint", "freeze",
            "unfreeze", "finetune", "run", "evaluate", "report", "save", "compact", "expect", "sweep");

    /** A token where a statement or its end should be. */
    private static String junk(Token token, TokenStream tokens) {
        Token previous = previous(tokens, token);
        boolean startsStatement = previous == null || previous.getType() == PruneLexer.NEWLINE
                || previous.getType() == PruneLexer.SEMI || previous.getType() == PruneLexer.LBRACE
                || previous.getLine() != token.getLine();
        if (token.getType() == PruneLexer.ERRCHAR) {
            return "unexpected character " + describe(token);
        }
        if (startsStatement && token.getType() == PruneLexer.IDENT) {
            return "unknown statement '" + token.getText() + "'"
                    + dev.prune.builtins.Spelling.hint(token.getText(), STATEMENT_WORDS);
        }
        if (startsStatement) {
            return "unexpected " + describe(token) + " where a statement should start";
        }
        return "unexpected " + describe(token) + ", expected ';' or a new line";
    }

    private Span spanOf(Token token) {
        int length = token.getType() == Token.EOF ? 1 : Math.max(1, token.getText().length());
        return new Span(source, token.getLine(), token.getCharPositionInLine() + 1, length);
    }

    private Span afterToken(Token token) {
        return new Span(source, token.getLine(),
                token.getCharPositionInLine() + token.getText().length() + 1, 1);
    }

    private static Token previous(TokenStream tokens, Token token) {
        for (int i = token.getTokenIndex() - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                return t;
            }
        }
        return null;
    }

    static String describe(Token token) {
        switch (token.getType()) {
            case Token.EOF: return "end of input";
            case PruneLexer.NEWLINE: return "end of line";
            default: return "'" + token.getText() + "'";
        }
    }

    /** "a number, a name or '('" rather than ANTLR's {NUMBER, IDENT, '('}; at most a handful. */
    private static String describe(IntervalSet expected, Parser parser) {
        TreeSet<String> words = new TreeSet<>();
        List<String> kinds = new ArrayList<>();
        for (int type : expected.toList()) {
            switch (type) {
                case PruneLexer.NUMBER: kinds.add("a number"); break;
                case PruneLexer.STRING: kinds.add("a string"); break;
                case PruneLexer.IDENT: kinds.add("a name"); break;
                case PruneLexer.NEWLINE: case PruneLexer.SEMI: kinds.add("';' or a new line"); break;
                case Token.EOF: kinds.add("end of input"); break;
                default:
                    String literal = parser.getVocabulary().getLiteralName(type);
                    if (literal != null) {
                        words.add(literal);
                    }
            }
        }
        List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(kinds));
        all.addAll(words);
        if (all.size() > 8) {
            List<String> shortList = new ArrayList<>(all.subList(0, 7));
            shortList.add("...");
            all = shortList;
        }
        return String.join(", ", all);
    }
}

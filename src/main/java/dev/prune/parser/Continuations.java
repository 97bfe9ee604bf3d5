package dev.prune.parser;

import dev.prune.parser.gen.PruneLexer;
import dev.prune.parser.gen.PruneParser;
import dev.prune.source.Diagnostics;
import dev.prune.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;

/**
 * What the grammar allows next after a piece of text: the REPL completes keywords from this. Each
 * keyword is tried after the text, and it fits when the parser then finds no error but the end
 * of input coming too soon. ANTLR's expected-token set at an error is not used: after a
 * prediction failure it describes the start of the decision (all statement keywords after
 * {@code run}), not the position of the cursor.
 */
public final class Continuations {

    /** The keywords that may come next, in the grammar's order, and whether a name may. */
    public record Next(List<String> keywords, boolean name) {
        public static final Next NOTHING = new Next(List.of(), false);
    }

    private Continuations() {}

    public static Next after(String text) {
        if (!fits(text)) {
            return Next.NOTHING;
        }
        List<String> words = new ArrayList<>();
        for (String word : Lexemes.keywords()) {
            if (fits(text + " " + word)) {
                words.add(word);
            }
        }
        return new Next(List.copyOf(words), fits(text + " x_"));
    }

    /** True when the text parses, or fails only because it ended too soon. */
    static boolean fits(String text) {
        SourceFile source = new SourceFile("<completion>", text);
        SyntaxErrors errors = new SyntaxErrors(source, new Diagnostics());
        PruneLexer lexer = new PruneLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        PruneParser parser = new PruneParser(new CommonTokenStream(new NewlineFilter(lexer)));
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        parser.setErrorHandler(new StatementRecovery());
        parser.recipe();
        return errors.clean() || errors.incompleteOnly();
    }
}

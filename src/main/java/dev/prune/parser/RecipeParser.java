package dev.prune.parser;

import dev.prune.ast.Recipe;
import dev.prune.parser.gen.PruneLexer;
import dev.prune.parser.gen.PruneParser;
import dev.prune.source.Diagnostics;
import dev.prune.source.SourceFile;
import dev.prune.source.Span;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

/** Text to AST. Never throws on bad input: problems come back as diagnostics beside a partial AST. */
public final class RecipeParser {

    /** The AST (possibly partial), the problems found, and whether the text merely ended too soon. */
    public record Result(Recipe recipe, Diagnostics diagnostics, boolean incomplete) {}

    private RecipeParser() {}

    public static Result parse(SourceFile source) {
        Diagnostics diagnostics = new Diagnostics();
        Nesting.Excess deep = Nesting.check(source.text());
        if (deep != null) {
            Token t = deep.token();
            diagnostics.error(new Span(source, t.getLine(), t.getCharPositionInLine() + 1,
                    Math.max(1, t.getText().length())), deep.message());
            return new Result(new Recipe(source, java.util.List.of()), diagnostics, false);
        }
        SyntaxErrors errors = new SyntaxErrors(source, diagnostics);
        PruneLexer lexer = new PruneLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        PruneParser parser = new PruneParser(new CommonTokenStream(new NewlineFilter(lexer)));
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        StatementRecovery recovery = new StatementRecovery();
        parser.setErrorHandler(recovery);
        PruneParser.RecipeContext tree = parser.recipe();
        Recipe recipe = new AstBuilder(source, diagnostics, recovery.skipped()).recipe(tree);
        return new Result(recipe, diagnostics, errors.incompleteOnly() || unclosed(source));
    }

    /** Open brackets or braces at the end: the REPL keeps reading lines. */
    private static boolean unclosed(SourceFile source) {
        PruneLexer lexer = new PruneLexer(CharStreams.fromString(source.text()));
        lexer.removeErrorListeners();
        int depth = 0;
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            switch (t.getType()) {
                case PruneLexer.LPAREN: case PruneLexer.LBRACK: case PruneLexer.LBRACE: depth++; break;
                case PruneLexer.RPAREN: case PruneLexer.RBRACK: case PruneLexer.RBRACE: depth--; break;
                default: break;
            }
        }
        return depth > 0;
    }
}

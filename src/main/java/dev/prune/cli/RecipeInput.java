package dev.prune.cli;

import dev.prune.ast.Statement;
import dev.prune.builtins.Registry;
import dev.prune.builtins.Value;
import dev.prune.check.Checker;
import dev.prune.check.Evaluator;
import dev.prune.check.Scope;
import dev.prune.check.Step;
import dev.prune.parser.RecipeLoader;
import dev.prune.parser.RecipeParser;
import dev.prune.source.Diagnostics;
import dev.prune.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reading, loading and checking one recipe file: the shared front half of run, check and plan. */
final class RecipeInput {
    final Path path;
    SourceFile source;
    Checker checker;
    List<Step> steps;
    Diagnostics diagnostics = new Diagnostics();
    private Path importDir;
    private Consumer<Checker> configure = c -> { };

    private RecipeInput(Path path) {
        this.path = path;
    }

    /** Loads and checks; prints every diagnostic to err. True when there were no errors. */
    static RecipeInput read(Path path, Map<String, String> sets, PrintWriter err) {
        return read(path, null, sets, err, c -> { });
    }

    /**
     * As {@link #read(Path, Map, PrintWriter)}, with imports looked up in {@code importDir} (null:
     * next to the file) and the checker set up by {@code configure} before it checks anything.
     */
    static RecipeInput read(Path path, Path importDir, Map<String, String> sets, PrintWriter err,
                            Consumer<Checker> configure) {
        RecipeInput in = new RecipeInput(path);
        in.importDir = importDir;
        in.configure = configure;
        in.load(sets);
        String rendered = in.diagnostics.render();
        if (!rendered.isEmpty()) {
            err.print(rendered);
            err.flush();
        }
        return in;
    }

    boolean ok() {
        return !diagnostics.hasErrors();
    }

    private void load(Map<String, String> sets) {
        try {
            if (Files.isDirectory(path)) {
                diagnostics.error(dev.prune.source.Span.none(), path + " is a directory; give a .prune file");
                return;
            }
            Path real = path.toRealPath();
            if (Files.isRegularFile(real) && !real.getFileName().toString().endsWith(".prune")) {
                // Its text is never shown: a parse error would quote a line of a file that is no recipe.
                diagnostics.error(dev.prune.source.Span.none(), "cannot read " + path + ": "
                        + (real.equals(path.toAbsolutePath().normalize()) ? "it" : "it leads to " + real + ", which")
                        + " is not a .prune recipe");
                return;
            }
            source = SourceFile.read(path);
        } catch (NoSuchFileException e) {
            diagnostics.error(dev.prune.source.Span.none(), "cannot read " + path + ": no such file");
            return;
        } catch (IOException e) {
            diagnostics.error(dev.prune.source.Span.none(), "cannot read " + path + ": " + e.getMessage());
            return;
        }
        RecipeLoader.Loaded loaded = RecipeLoader.load(source,
                importDir != null ? importDir : path.toAbsolutePath().getParent());
        diagnostics.addAll(loaded.diagnostics());
        Registry registry = Registry.standard();
        checker = new Checker(registry, diagnostics);
        configure.accept(checker);
        for (Map.Entry<String, String> set : sets.entrySet()) {
            Value v = parseValue(set.getKey(), set.getValue(), registry);
            if (v != null) {
                checker.override(set.getKey(), v);
            }
        }
        steps = checker.check(loaded.statements());
        for (String unused : checker.unusedOverrides()) {
            diagnostics.error(dev.prune.source.Span.none(), "--set " + unused + ": " + path
                    + " has no param '" + unused + "'"
                    + dev.prune.builtins.Spelling.hint(unused, List.copyOf(checker.params().keySet())) + paramList());
        }
    }

    private String paramList() {
        return checker.params().isEmpty() ? "" : " (params: " + String.join(", ", checker.params().keySet()) + ")";
    }

    /** A --set value is written in the recipe language: 0.05, 20%, "text", 3 epochs. */
    private Value parseValue(String name, String text, Registry registry) {
        SourceFile src = new SourceFile("--set " + name, "let " + name + " = " + text);
        RecipeParser.Result parsed = RecipeParser.parse(src);
        if (parsed.diagnostics().hasErrors() || parsed.recipe().statements().size() != 1
                || !(parsed.recipe().statements().get(0) instanceof Statement.Let let)) {
            diagnostics.error(dev.prune.source.Span.none(), "--set " + name + "=" + text
                    + ": not a value; write e.g. --set " + name + "=0.05 or --set " + name + "=20%");
            return null;
        }
        return new Evaluator(registry, diagnostics).eval(let.value(), Scope.constants(Map.of()), null);
    }
}

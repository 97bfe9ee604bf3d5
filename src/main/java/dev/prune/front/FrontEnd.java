package dev.prune.front;

import dev.prune.ast.Statement;
import dev.prune.builtins.Registry;
import dev.prune.builtins.Spelling;
import dev.prune.builtins.Value;
import dev.prune.check.Checker;
import dev.prune.check.Evaluator;
import dev.prune.check.Scope;
import dev.prune.check.Step;
import dev.prune.parser.RecipeLoader;
import dev.prune.parser.RecipeParser;
import dev.prune.source.Diagnostics;
import dev.prune.source.SourceFile;
import dev.prune.source.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Source text to diagnostics and checked steps. Every syntax error, every import that cannot be
 * read and every checker error of a file is reported in one go; the steps are runnable only when
 * there is no error. Settings are immutable: each {@code with} method gives a new front end.
 */
public final class FrontEnd {
    private final Registry registry;
    private final Path imports;
    private final Map<String, String> sets;
    private final Consumer<Checker> configure;
    private final List<Statement> context;
    private final boolean modulesAlone;

    private FrontEnd(Registry registry, Path imports, Map<String, String> sets, Consumer<Checker> configure,
                     List<Statement> context, boolean modulesAlone) {
        this.registry = registry;
        this.imports = imports;
        this.sets = sets;
        this.configure = configure;
        this.context = context;
        this.modulesAlone = modulesAlone;
    }

    /** With the standard registry, imports from the stdlib only, no --set values, no context. */
    public static FrontEnd standard() {
        return of(Registry.standard());
    }

    public static FrontEnd of(Registry registry) {
        return new FrontEnd(registry, null, Map.of(), c -> { }, List.of(), false);
    }

    /** Imports are looked up in {@code directory} first (null: the stdlib only; {@link #read}: next to the file). */
    public FrontEnd importsFrom(Path directory) {
        return new FrontEnd(registry, directory, sets, configure, context, modulesAlone);
    }

    /** Command-line values for params ({@code --set rate=50%}), written in the recipe language. */
    public FrontEnd sets(Map<String, String> values) {
        return new FrontEnd(registry, imports, new LinkedHashMap<>(values), configure, context, modulesAlone);
    }

    /** Sets the checker up (say, which paths {@code save} may write) before it checks anything. */
    public FrontEnd configure(Consumer<Checker> setup) {
        return new FrontEnd(registry, imports, sets, setup, context, modulesAlone);
    }

    /**
     * Statements already checked and run before this source (the REPL's session): they are
     * checked again first, silently, so the source is checked in their context.
     */
    public FrontEnd after(List<Statement> statements) {
        return new FrontEnd(registry, imports, sets, configure, List.copyOf(statements), modulesAlone);
    }

    /**
     * A source that is a module is checked on its own, as {@code prune check} and the editor check
     * it: what its {@code requires} asks for and nothing before it set, stand-ins provide. Without
     * this (run, plan, the REPL) a module's unmet {@code requires} is an error.
     */
    public FrontEnd modulesAlone() {
        return new FrontEnd(registry, imports, sets, configure, context, true);
    }

    public Registry registry() {
        return registry;
    }

    /** Reads {@code path} (imports next to it unless {@link #importsFrom} said otherwise) and checks it. */
    public Result read(Path path) {
        Diagnostics diagnostics = new Diagnostics();
        String unreadable = null;
        SourceFile source = null;
        try {
            if (Files.isDirectory(path)) {
                unreadable = path + " is a directory; give a .prune file";
            } else {
                Path real = path.toRealPath();
                if (Files.isRegularFile(real) && !real.getFileName().toString().endsWith(".prune")) {
                    // Its text is never shown: a parse error would quote a line of a file that is no recipe.
                    unreadable = "cannot read " + path + ": "
                            + (real.equals(path.toAbsolutePath().normalize()) ? "it" : "it leads to " + real + ", which")
                            + " is not a .prune recipe";
                } else {
                    source = SourceFile.read(path);
                }
            }
        } catch (NoSuchFileException e) {
            unreadable = "cannot read " + path + ": no such file";
        } catch (IOException e) {
            unreadable = "cannot read " + path + ": " + e.getMessage();
        }
        if (unreadable != null) {
            diagnostics.error(Span.none(), unreadable);
            return new Result(null, List.of(), List.of(), diagnostics, null, false);
        }
        FrontEnd next = imports != null ? this : importsFrom(path.toAbsolutePath().getParent());
        return next.check(source);
    }

    /** Parses, reads imports and checks {@code source}. */
    public Result check(SourceFile source) {
        RecipeLoader.Loaded loaded = RecipeLoader.load(source, imports);
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.addAll(loaded.diagnostics());
        Checked checked = checked(loaded.units(), source.name(), diagnostics);
        unusedSets(checked.checker(), source.name(), diagnostics);
        return new Result(source, loaded.units(), checked.steps(), diagnostics, checked.checker(), loaded.incomplete());
    }

    /** Checks statements already parsed and loaded (a session's kept statements), each its own unit. */
    public Result check(List<Statement> statements) {
        List<RecipeLoader.Unit> units = statements.stream().map(s -> new RecipeLoader.Unit(s, List.of(s))).toList();
        Diagnostics diagnostics = new Diagnostics();
        Checked checked = checked(units, null, diagnostics);
        return new Result(null, units, checked.steps(), diagnostics, checked.checker(), false);
    }

    private record Checked(Checker checker, List<List<Step>> steps) {}

    /**
     * Checks the units of {@code file} (null: statements of no file) with a checker set up by the
     * --set values and the configuration, after the context. What the context reports is left
     * out: it was reported when it was entered.
     */
    private Checked checked(List<RecipeLoader.Unit> units, String file, Diagnostics diagnostics) {
        Diagnostics seen = new Diagnostics();
        Checker checker = new Checker(registry, seen);
        if (modulesAlone && file != null) {
            checker.alone(file);
        }
        configure.accept(checker);
        for (Map.Entry<String, String> set : sets.entrySet()) {
            Value v = setValue(set.getKey(), set.getValue(), diagnostics);
            if (v != null) {
                checker.override(set.getKey(), v);
            }
        }
        checker.check(context);
        int mark = seen.inOrder().size();
        List<List<Step>> steps = new ArrayList<>();
        for (RecipeLoader.Unit unit : units) {
            List<Step> unitSteps = new ArrayList<>();
            unit.statements().forEach(s -> unitSteps.add(checker.check(s)));
            steps.add(unitSteps);
        }
        if (file != null) {
            checker.finish();
        }
        List<dev.prune.source.Diagnostic> found = seen.inOrder();
        found.subList(mark, found.size()).forEach(diagnostics::add);
        return new Checked(checker, steps);
    }

    private void unusedSets(Checker checker, String file, Diagnostics diagnostics) {
        for (String unused : checker.unusedOverrides()) {
            List<String> params = List.copyOf(checker.params().keySet());
            diagnostics.error(Span.none(), "--set " + unused + ": " + file + " has no param '" + unused + "'"
                    + Spelling.hint(unused, params)
                    + (params.isEmpty() ? "" : " (params: " + String.join(", ", params) + ")"));
        }
    }

    /** A --set value is written in the recipe language: 0.05, 20%, "text", 3 epochs. */
    private Value setValue(String name, String text, Diagnostics diagnostics) {
        SourceFile src = new SourceFile("--set " + name, "let " + name + " = " + text);
        RecipeParser.Result parsed = RecipeParser.parse(src);
        if (parsed.diagnostics().hasErrors() || parsed.recipe().statements().size() != 1
                || !(parsed.recipe().statements().get(0) instanceof Statement.Let let)) {
            diagnostics.error(Span.none(), "--set " + name + "=" + text
                    + ": not a value; write e.g. --set " + name + "=0.05 or --set " + name + "=20%");
            return null;
        }
        return new Evaluator(registry, diagnostics).eval(let.value(), Scope.constants(Map.of()), null);
    }

    /**
     * What the front end found.
     *
     * @param source      the source checked (null when a file could not be read, or for statements)
     * @param units       every statement as written, with what it stands for after imports
     * @param unitSteps   per unit, the step of each of its statements (null: an error, or nothing to run)
     * @param checker     the checker after the last statement: names, params and network known there
     * @param incomplete  whether the text merely ended too soon (the REPL then reads another line)
     */
    public record Result(SourceFile source, List<RecipeLoader.Unit> units, List<List<Step>> unitSteps,
                         Diagnostics diagnostics, Checker checker, boolean incomplete) {

        public boolean ok() {
            return !diagnostics.hasErrors();
        }

        /** The steps to run, in order; runnable only when {@link #ok()}. */
        public List<Step> steps() {
            List<Step> all = new ArrayList<>();
            unitSteps.forEach(u -> u.forEach(s -> {
                if (s != null) {
                    all.add(s);
                }
            }));
            return all;
        }

        /**
         * The steps of a recipe the caller knows to be right (one built in code); an error there is
         * the caller's bug, so it is thrown with every diagnostic rendered.
         */
        public List<Step> requireSteps() {
            if (!ok()) {
                throw new IllegalArgumentException("the recipe has errors:\n" + diagnostics.render());
            }
            return steps();
        }

        /** The statements with imports expanded, in order. */
        public List<Statement> statements() {
            List<Statement> all = new ArrayList<>();
            units.forEach(u -> all.addAll(u.statements()));
            return all;
        }
    }
}

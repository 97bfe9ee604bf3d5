package dev.prune.parser;

import dev.prune.ast.Recipe;
import dev.prune.ast.Statement;
import dev.prune.source.Diagnostics;
import dev.prune.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads a recipe and the recipes it imports, in place: an {@code import} is replaced by the
 * imported file's statements, which keep their own file in their spans. A name is looked up next
 * to the importing file first, then in the stdlib shipped on the classpath ({@code stdlib/NAME.prune}).
 */
public final class RecipeLoader {

    /** The statements with imports expanded, and every problem met while reading and parsing. */
    public record Loaded(SourceFile main, List<Statement> statements, Diagnostics diagnostics, boolean incomplete) {}

    private final Diagnostics diagnostics = new Diagnostics();
    private final Deque<String> chain = new ArrayDeque<>();

    public static Loaded load(SourceFile main, Path directory) {
        RecipeLoader loader = new RecipeLoader();
        RecipeParser.Result result = RecipeParser.parse(main);
        loader.diagnostics.addAll(result.diagnostics());
        loader.chain.push(main.name());
        List<Statement> statements = loader.expand(result.recipe(), directory);
        return new Loaded(main, statements, loader.diagnostics, result.incomplete());
    }

    /**
     * The statements one import stands for, read as {@link #load} reads an import of a file in
     * {@code directory} (the REPL's imports, one statement at a time).
     */
    public static Loaded expand(Statement.Import i, Path directory) {
        RecipeLoader loader = new RecipeLoader();
        loader.chain.push(i.span().file().name());
        List<Statement> statements = loader.resolve(i, directory);
        return new Loaded(i.span().file(), statements, loader.diagnostics, false);
    }

    /**
     * The recipe's text with every import replaced by the text it names (itself inlined), each
     * marked by a comment: what a run directory records, so that resuming or replaying it never
     * depends on files that may have changed since. Call it on a recipe that loaded without errors.
     */
    public static String inlined(SourceFile main, Path directory) {
        RecipeLoader loader = new RecipeLoader();
        loader.chain.push(main.name());
        return loader.inline(main, directory);
    }

    private String inline(SourceFile source, Path directory) {
        List<Statement.Import> imports = new ArrayList<>();
        collectImports(RecipeParser.parse(source).recipe().statements(), imports);
        String text = source.text();
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Statement.Import i : imports) {
            int start = offset(text, i.span().line(), i.span().column());
            Located found = locate(i, directory);
            if (found == null || chain.contains(found.source().name())) {
                continue;
            }
            chain.push(found.source().name());
            String body = inline(found.source(), found.next());
            chain.pop();
            out.append(text, at, start)
                    .append("# import \"").append(i.path()).append("\": ").append(found.source().name()).append('\n')
                    .append(body.endsWith("\n") ? body : body + "\n")
                    .append("# end of import \"").append(i.path()).append("\"\n");
            at = Math.min(text.length(), start + i.span().length());
        }
        return out.append(text.substring(at)).toString();
    }

    private static void collectImports(List<Statement> statements, List<Statement.Import> into) {
        for (Statement s : statements) {
            if (s instanceof Statement.Import i) {
                into.add(i);
            } else if (s instanceof Statement.Sweep w) {
                collectImports(w.body(), into);
            } else if (s instanceof Statement.Variant v) {
                collectImports(v.body(), into);
            }
        }
    }

    private static int offset(String text, int line, int column) {
        int at = 0;
        for (int l = 1; l < line; l++) {
            at = text.indexOf('\n', at) + 1;
        }
        return at + column - 1;
    }

    /** Text of a stdlib recipe, or null when there is none of that name. */
    public static String stdlib(String name) {
        String file = name.endsWith(".prune") ? name : name + ".prune";
        try (InputStream in = RecipeLoader.class.getResourceAsStream("/stdlib/" + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** The names of the stdlib recipes ("lth", "imp", ...), sorted; read from the jar or the classes folder. */
    public static List<String> stdlibNames() {
        java.net.URL url = RecipeLoader.class.getResource("/stdlib/lth.prune");
        if (url == null) {
            return List.of();
        }
        try {
            java.net.URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(uri, java.util.Map.of())) {
                    return names(jar.getPath("/stdlib"));
                }
            }
            return names(Path.of(uri).getParent());
        } catch (IOException | java.net.URISyntaxException | java.nio.file.FileSystemAlreadyExistsException e) {
            return List.of();
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".prune"))
                    .map(n -> n.substring(0, n.length() - ".prune".length())).sorted().toList();
        }
    }

    private static boolean sameFile(Path file, String importing) {
        try {
            return importing != null && Files.isSameFile(file, Path.of(importing));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private List<String> reversed() {
        List<String> order = new ArrayList<>(chain);
        java.util.Collections.reverse(order);
        return order;
    }

    private List<Statement> expand(Recipe recipe, Path directory) {
        List<Statement> out = new ArrayList<>();
        for (Statement s : recipe.statements()) {
            if (s instanceof Statement.Import i) {
                out.addAll(resolve(i, directory));
            } else if (s instanceof Statement.Sweep w) {
                // a sweep's block may import too: each variant then runs the imported statements
                out.add(new Statement.Sweep(w.span(), w.variable(), w.values(),
                        expand(new Recipe(recipe.source(), w.body()), directory)));
            } else if (s instanceof Statement.Variant v) {
                out.add(new Statement.Variant(v.span(), v.name(), expand(new Recipe(recipe.source(), v.body()), directory)));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** Finds and reads what an import names; null after reporting why not. */
    private Located locate(Statement.Import i, Path directory) {
        String file = i.path().endsWith(".prune") ? i.path() : i.path() + ".prune";
        Path local = directory == null ? null : directory.resolve(file).normalize();
        SourceFile source;
        Path next = directory;
        try {
            // examples/icepick.prune may import "icepick": a file importing its own name means the stdlib's
            if (local != null && Files.exists(local) && !sameFile(local, chain.peek())) {
                // Read through its real path, and only when that is a recipe: a link named x.prune that
                // leads to another kind of file would otherwise have its lines quoted in errors.
                Path real = local.toRealPath();
                if (!real.getFileName().toString().endsWith(".prune")) {
                    diagnostics.error(i.span(), "cannot import \"" + i.path() + "\": " + local + " leads to " + real
                            + ", which is not a .prune recipe");
                    return null;
                }
                source = SourceFile.read(local);
                next = local.getParent();
            } else {
                String text = stdlib(file);
                if (text == null) {
                    diagnostics.error(i.span(), "cannot find \"" + i.path() + "\": no " + (local == null ? file : local)
                            + " and no stdlib recipe of that name"
                            + dev.prune.builtins.Spelling.hint(i.path().replaceFirst("\\.prune$", ""), stdlibNames()));
                    return null;
                }
                source = new SourceFile("stdlib/" + file, text);
            }
        } catch (IOException e) {
            diagnostics.error(i.span(), "cannot read " + local + ": " + e.getMessage());
            return null;
        }
        return new Located(source, next);
    }

    /** An imported file read, and the folder its own imports are found in. */
    private record Located(SourceFile source, Path next) {}

    private List<Statement> resolve(Statement.Import i, Path directory) {
        Located found = locate(i, directory);
        if (found == null) {
            return List.of(new Statement.Dropped(i.span(), "import", null));
        }
        SourceFile source = found.source();
        Path next = found.next();
        if (chain.contains(source.name())) {
            diagnostics.error(i.span(), "import cycle: " + String.join(" -> ", reversed()) + " -> " + source.name());
            return List.of(new Statement.Dropped(i.span(), "import", null));
        }
        RecipeParser.Result result = RecipeParser.parse(source);
        diagnostics.addAll(result.diagnostics());
        chain.push(source.name());
        List<Statement> statements = expand(result.recipe(), next);
        chain.pop();
        return statements;
    }
}

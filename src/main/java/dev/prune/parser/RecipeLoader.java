package dev.prune.parser;

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

    /**
     * Every statement of the file as written, each with what it stands for once imports are read,
     * and every problem met while reading and parsing.
     */
    public record Loaded(SourceFile main, List<Unit> units, Diagnostics diagnostics, boolean incomplete) {
        public Loaded {
            units = List.copyOf(units);
        }

        /** The statements with imports expanded, in order. */
        public List<Statement> statements() {
            List<Statement> all = new ArrayList<>();
            units.forEach(u -> all.addAll(u.statements()));
            return all;
        }
    }

    /**
     * One statement as written in the loaded file and the statements it stands for: itself, an
     * import's statements (a {@link Statement.Dropped} when it could not be read), or a sweep whose
     * block has its imports expanded.
     */
    public record Unit(Statement written, List<Statement> statements) {
        public Unit {
            statements = List.copyOf(statements);
        }
    }

    private final Diagnostics diagnostics = new Diagnostics();
    private final Deque<String> chain = new ArrayDeque<>();

    public static Loaded load(SourceFile main, Path directory) {
        RecipeLoader loader = new RecipeLoader();
        RecipeParser.Result result = RecipeParser.parse(main);
        loader.diagnostics.addAll(result.diagnostics());
        loader.chain.push(main.name());
        List<Unit> units = new ArrayList<>();
        for (Statement s : result.recipe().statements()) {
            units.add(new Unit(s, loader.expand(s, directory)));
        }
        return new Loaded(main, units, loader.diagnostics, result.incomplete());
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

    /**
     * Where an import written in a file of {@code directory} leads, by the rule {@link #load}
     * follows: the file beside the importer, else the stdlib recipe; null when there is neither.
     */
    public static java.net.URI target(Statement.Import i, Path directory) {
        RecipeLoader loader = new RecipeLoader();
        loader.chain.push(i.span().file().name());
        Located found = loader.locate(i, directory);
        if (found == null) {
            return null;
        }
        java.net.URI stdlib = stdlibLocation(found.source().name());
        return stdlib != null ? stdlib : Path.of(found.source().name()).toAbsolutePath().toUri();
    }

    /** Where a stdlib recipe shown as {@code stdlib/NAME.prune} lives (in the jar or the classes folder), or null. */
    public static java.net.URI stdlibLocation(String shownAs) {
        java.net.URL url = shownAs.startsWith("stdlib/") ? RecipeLoader.class.getResource("/" + shownAs) : null;
        try {
            return url == null ? null : url.toURI();
        } catch (java.net.URISyntaxException e) {
            return null;
        }
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

    private List<Statement> expand(List<Statement> statements, Path directory) {
        List<Statement> out = new ArrayList<>();
        for (Statement s : statements) {
            out.addAll(expand(s, directory));
        }
        return out;
    }

    /** What one statement stands for: an import's statements, a sweep or named block with its body expanded, or itself. */
    private List<Statement> expand(Statement s, Path directory) {
        if (s instanceof Statement.Import i) {
            return resolve(i, directory);
        } else if (s instanceof Statement.Sweep w) {
            // a sweep's block may import too: each variant then runs the imported statements
            return List.of(new Statement.Sweep(w.span(), w.variable(), w.values(), expand(w.body(), directory)));
        } else if (s instanceof Statement.Variant v) {
            return List.of(new Statement.Variant(v.span(), v.name(), expand(v.body(), directory)));
        }
        return List.of(s);
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
        List<Statement> statements = expand(result.recipe().statements(), next);
        chain.pop();
        return statements;
    }
}

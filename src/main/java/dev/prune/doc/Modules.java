package dev.prune.doc;

import dev.prune.ast.Printer;
import dev.prune.ast.Statement;
import dev.prune.parser.RecipeLoader;
import dev.prune.parser.RecipeParser;
import dev.prune.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stdlib modules as {@code prune doc lth} shows them: the comment a module starts with, what it
 * requires before it is imported, and its {@code param}s with their defaults, read from the module
 * itself so the two cannot differ.
 */
public final class Modules {
    private Modules() {}

    /**
     * A module: its name, the lines of its leading comment, its {@code requires} statements as
     * written canonically, and (name, default) per param.
     */
    public record Module(String name, List<String> about, List<String> requires, List<String[]> params) {}

    public static List<String> names() {
        return RecipeLoader.stdlibNames();
    }

    public static Optional<Module> find(String name) {
        String text = RecipeLoader.stdlib(name);
        if (text == null || name.endsWith(".prune")) {
            return Optional.empty();
        }
        List<String> about = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.startsWith("#")) {
                break;
            }
            about.add(line.replaceFirst("^# ?", ""));
        }
        List<String> requires = new ArrayList<>();
        List<String[]> params = new ArrayList<>();
        for (Statement s : RecipeParser.parse(new SourceFile("stdlib/" + name + ".prune", text)).recipe().statements()) {
            if (s instanceof Statement.Param p) {
                params.add(new String[] {p.name(), Printer.expr(p.value())});
            } else if (s instanceof Statement.Requires r) {
                requires.add(Printer.statement(r));
            }
        }
        return Optional.of(new Module(name, about, requires, params));
    }
}

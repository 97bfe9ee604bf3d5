package dev.prune.study;

import dev.prune.ast.Expr;
import dev.prune.ast.Printer;
import dev.prune.ast.Statement;
import dev.prune.parser.RecipeParser;
import dev.prune.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dimensions of a study: {@code --grid 'NAME=[v1, v2]'} options, each list parsed by the
 * language's own parser so a value is written exactly as in a recipe ({@code 20%}, {@code 3 epochs},
 * {@code "text"}), and {@code --seeds 1,2,3}.
 */
public final class Grid {
    private Grid() {
    }

    /** One grid option: a param's name and its values as recipe text, in the order given. */
    public record Dimension(String name, List<String> values) {}

    /** Parses {@code NAME=[v1, v2, ...]}; a {@link StudyException} says what is wrong with it. */
    public static Dimension dimension(String option) {
        int eq = option.indexOf('=');
        String example = "write e.g. --grid 'rate=[20%, 50%]'";
        if (eq <= 0) {
            throw new StudyException("--grid " + option + ": expected NAME=[values]; " + example);
        }
        String name = option.substring(0, eq).strip();
        String list = option.substring(eq + 1).strip();
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new StudyException("--grid " + option + ": '" + name + "' is not a param name; " + example);
        }
        // A neutral name on the left: the param's own may be a keyword of the language.
        SourceFile src = new SourceFile("--grid " + name, "let v = " + list);
        RecipeParser.Result parsed = RecipeParser.parse(src);
        if (parsed.diagnostics().hasErrors() || parsed.recipe().statements().size() != 1
                || !(parsed.recipe().statements().get(0) instanceof Statement.Let let)
                || !(let.value() instanceof Expr.ListLit values)) {
            throw new StudyException("--grid " + option + ": the values are not a list written as in a recipe; "
                    + example);
        }
        if (values.items().isEmpty()) {
            throw new StudyException("--grid " + option + ": the list is empty; " + example);
        }
        List<String> texts = new ArrayList<>();
        for (Expr item : values.items()) {
            String text = written(src.text(), item);
            if (texts.contains(text)) {
                throw new StudyException("--grid " + option + ": " + text + " is given twice");
            }
            texts.add(text);
        }
        return new Dimension(name, List.copyOf(texts));
    }

    /** A value as the option wrote it ({@code 1e7} stays {@code 1e7}), else as the printer writes it. */
    private static String written(String text, Expr item) {
        int from = item.span().column() - 1;
        int to = from + item.span().length();
        if (item.span().line() == 1 && from >= 0 && to <= text.length() && to > from) {
            return text.substring(from, to).strip();
        }
        return Printer.expr(item);
    }

    /** Parses {@code 1,2,3}: whole numbers from 0, each once. */
    public static List<Long> seeds(String option) {
        List<Long> seeds = new ArrayList<>();
        for (String cell : option.split(",", -1)) {
            String s = cell.strip();
            long seed;
            try {
                seed = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new StudyException("--seeds " + option + ": '" + s + "' is not a whole number; "
                        + "write e.g. --seeds 1,2,3");
            }
            if (seed < 0) {
                throw new StudyException("--seeds " + option + ": seed " + seed + " is negative; seeds start at 0");
            }
            if (seeds.contains(seed)) {
                throw new StudyException("--seeds " + option + ": seed " + seed + " is given twice");
            }
            seeds.add(seed);
        }
        return seeds;
    }

    /** Every combination of the dimensions' values, the first dimension varying slowest. */
    public static List<Map<String, String>> points(List<Dimension> dimensions) {
        List<Map<String, String>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Dimension d : dimensions) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : points) {
                for (String v : d.values()) {
                    Map<String, String> q = new LinkedHashMap<>(p);
                    q.put(d.name(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        return List.copyOf(points);
    }
}

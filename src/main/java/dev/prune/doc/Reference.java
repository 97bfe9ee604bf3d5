package dev.prune.doc;

import dev.prune.builtins.Builtin;
import dev.prune.builtins.Format;
import dev.prune.builtins.Kind;
import dev.prune.builtins.MetricInfo;
import dev.prune.builtins.Param;
import dev.prune.builtins.Registry;
import dev.prune.builtins.Type;
import dev.prune.builtins.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The reference of every builtin, read from the registry: signature, kind, doc, paper, and each
 * parameter's type, range, default and doc. One source for {@code prune doc}, the REPL's
 * {@code :doc} and {@code docs/reference.md}, so none of them can drift from the code.
 */
public final class Reference {
    private Reference() {}

    /** One builtin as plain text, for a terminal. */
    public static String text(Builtin<?> b) {
        StringBuilder out = new StringBuilder();
        out.append(header(b)).append("  (").append(b.kind().words()).append(")\n");
        out.append("  ").append(b.doc()).append('\n');
        if (!b.paper().isEmpty()) {
            out.append("  paper: ").append(b.paper()).append('\n');
        }
        List<String[]> rows = new ArrayList<>();
        for (Param p : b.params()) {
            rows.add(new String[] {p.name() + (p.name().equals(b.variadic()) ? "..." : ""), type(p), fallback(p), p.doc()});
        }
        if (!rows.isEmpty()) {
            int[] width = new int[3];
            for (String[] row : rows) {
                for (int i = 0; i < 3; i++) {
                    width[i] = Math.max(width[i], row[i].length());
                }
            }
            for (String[] row : rows) {
                out.append(String.format(Locale.ROOT, "    %-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2]
                        + "s  %s", row[0], row[1], row[2], row[3]).stripTrailing()).append('\n');
            }
        }
        return out.toString();
    }

    /** One parameter of a builtin: where it belongs, its type and range, default and doc (an editor's hover). */
    public static String text(Builtin<?> b, Param p) {
        return b.name() + "(" + p.name() + "=...)  " + type(p) + ", default " + fallback(p) + "\n  " + p.doc() + "\n";
    }

    /** {@code name(p1, p2...)}: how it is called; bare when it takes no arguments. */
    static String header(Builtin<?> b) {
        if (b.params().isEmpty()) {
            return b.name();
        }
        StringBuilder out = new StringBuilder(b.name()).append('(');
        for (int i = 0; i < b.params().size(); i++) {
            String name = b.params().get(i).name();
            out.append(i == 0 ? "" : ", ").append(name).append(name.equals(b.variadic()) ? "..." : "");
        }
        return out.append(')').toString();
    }

    /** Every builtin as text, grouped by kind. */
    public static String text(Registry registry) {
        StringBuilder out = new StringBuilder();
        for (Kind kind : Kind.values()) {
            List<Builtin<?>> all = registry.ofKind(kind);
            if (all.isEmpty()) {
                continue;
            }
            out.append(heading(kind).toUpperCase(Locale.ROOT)).append("\n\n");
            all.forEach(b -> out.append(text(b)).append('\n'));
        }
        return out.toString();
    }

    /** Every builtin as Markdown: the text of {@code docs/reference.md}. */
    public static String markdown(Registry registry) {
        StringBuilder out = new StringBuilder();
        out.append("# Reference of the builtins\n\n");
        out.append("<!-- Generated from the registry (dev.prune.builtins) by the build: do not edit;\n");
        out.append("     change the declarations; any mvn test or package rewrites it. -->\n\n");
        out.append("Every name a recipe can use besides the keywords: models, datasets, optimizers, pruning\n");
        out.append("criteria, learning-rate schedules and the metrics of conditions. `prune doc NAME` shows the\n");
        out.append("same in a terminal, and `:doc NAME` in the REPL. Percentages may be written `20%` or `0.2`;\n");
        out.append("a duration is `3 epochs` or `500 iterations`. \"[reconstructed]\" marks our own reading of a\n");
        out.append("formula its paper leaves open.\n");
        for (Kind kind : Kind.values()) {
            List<Builtin<?>> all = registry.ofKind(kind);
            if (all.isEmpty()) {
                continue;
            }
            out.append("\n## ").append(heading(kind)).append("\n");
            if (kind == Kind.METRIC) {
                out.append("\n| metric | where | meaning |\n|---|---|---|\n");
                all.forEach(b -> out.append("| `").append(b.name()).append("` | ").append(where(registry, b))
                        .append(" | ").append(cell(b.doc())).append(" |\n"));
                continue;
            }
            all.forEach(b -> out.append('\n').append(markdown(b)));
        }
        return out.toString();
    }

    /** One builtin as Markdown, as docs/reference.md shows it. */
    public static String markdown(Builtin<?> b) {
        StringBuilder out = new StringBuilder();
        out.append("### `").append(b.name()).append("`\n\n");
        out.append("`").append(header(b)).append("` (").append(b.kind().words()).append(")\n\n");
        out.append(sentence(b.doc())).append('\n');
        if (!b.paper().isEmpty()) {
            out.append("\nPaper: ").append(b.paper()).append('\n');
        }
        if (!b.params().isEmpty()) {
            out.append("\n| parameter | type | default | meaning |\n|---|---|---|---|\n");
            for (Param p : b.params()) {
                out.append("| `").append(p.name()).append(p.name().equals(b.variadic()) ? "...`" : "`")
                        .append(" | ").append(type(p)).append(" | ").append(cell(fallback(p)))
                        .append(" | ").append(cell(p.doc())).append(" |\n");
            }
        }
        return out.toString();
    }

    /**
     * Everything a name stands for, as text or Markdown: a builtin, a statement word, a stdlib
     * module, or several of them ({@code snip} is a criterion and a module); empty when none.
     */
    public static Optional<String> of(Registry registry, String name, boolean markdown) {
        List<String> parts = new ArrayList<>();
        registry.find(name).ifPresent(b -> parts.add(markdown ? markdown(b) : text(b)));
        Statements.find(name).ifPresent(e -> parts.add(markdown ? markdown(e) : text(e)));
        Modules.find(name).ifPresent(m -> parts.add(markdown ? markdown(m) : text(m)));
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", parts));
    }

    /** Every name {@link #of} knows, for "did you mean". */
    public static List<String> names(Registry registry) {
        List<String> names = new ArrayList<>(registry.all().stream().map(Builtin::name).toList());
        Statements.ALL.forEach(e -> names.add(e.word()));
        names.addAll(Modules.names());
        // A stdlib module may share its builtin's name (platon, scl): one name, one suggestion.
        return names.stream().distinct().toList();
    }

    static String text(Statements.Entry e) {
        StringBuilder out = new StringBuilder(e.word()).append("  (statement: ").append(e.kind()).append(")\n");
        int width = e.forms().stream().mapToInt(f -> f[0].length()).max().orElse(0);
        for (String[] f : e.forms()) {
            out.append(String.format(Locale.ROOT, "  %-" + width + "s  %s", f[0], f[1])).append('\n');
        }
        return out.toString();
    }

    static String markdown(Statements.Entry e) {
        StringBuilder out = new StringBuilder("### `").append(e.word()).append("` (statement: ").append(e.kind())
                .append(")\n\n| form | meaning |\n|---|---|\n");
        for (String[] f : e.forms()) {
            out.append("| `").append(cell(f[0])).append("` | ").append(cell(f[1])).append(" |\n");
        }
        return out.toString();
    }

    static String text(Modules.Module m) {
        StringBuilder out = new StringBuilder(m.name()).append("  (stdlib module: import \"").append(m.name())
                .append("\")\n");
        m.about().forEach(line -> out.append("  ").append(line).append('\n'));
        m.requires().forEach(line -> out.append("  ").append(line).append('\n'));
        if (!m.params().isEmpty()) {
            int width = m.params().stream().mapToInt(p -> p[0].length()).max().orElse(0);
            out.append("  parameters (--set NAME=VALUE):\n");
            for (String[] p : m.params()) {
                out.append(String.format(Locale.ROOT, "    %-" + width + "s  %s", p[0], p[1])).append('\n');
            }
        }
        return out.toString();
    }

    static String markdown(Modules.Module m) {
        StringBuilder out = new StringBuilder("### `").append(m.name()).append("` (stdlib module: `import \"")
                .append(m.name()).append("\"`)\n\n").append(String.join("\n", m.about())).append('\n');
        if (!m.requires().isEmpty()) {
            out.append("\n").append(m.requires().stream().map(r -> "`" + r + "`").collect(
                    java.util.stream.Collectors.joining(", "))).append('\n');
        }
        if (!m.params().isEmpty()) {
            out.append("\n| parameter | default |\n|---|---|\n");
            m.params().forEach(p -> out.append("| `").append(p[0]).append("` | ").append(cell(p[1])).append(" |\n"));
        }
        return out.toString();
    }

    /** Which conditions may name a metric. */
    private static String where(Registry registry, Builtin<?> metric) {
        MetricInfo info = registry.create(new Value.Ref(metric.name(), Map.of(), false), MetricInfo.class);
        return info.forRun() && info.forLayer() ? "both" : info.forRun() ? "run conditions" : "`layers where`";
    }

    /** A kind's heading; a switch over every kind, so a new kind cannot go without one. */
    private static String heading(Kind kind) {
        return switch (kind) {
            case MODEL -> "Models";
            case DATASET -> "Datasets";
            case AUGMENTATION -> "Data augmentation";
            case OPTIMIZER -> "Optimizers";
            case CRITERION -> "Pruning criteria";
            case SCHEDULE -> "Learning-rate schedules";
            case METRIC -> "Metrics";
            case DYNAMIC -> "Dynamic sparse training";
            case STOPPING -> "Stopping rules";
            case AMOUNT -> "Pruning amounts";
            case PENALTY -> "Training penalties";
        };
    }

    /** The type with its range, in the units a recipe writes: percentages as 0%..100%. */
    static String type(Param p) {
        return p.bounded() ? p.type().words() + " " + p.range() : p.type().words();
    }

    private static String fallback(Param p) {
        return p.required() ? "required" : p.omittable() ? p.absent() : p.fallback().show();
    }

    private static String sentence(String doc) {
        String text = doc.isEmpty() ? doc : Character.toUpperCase(doc.charAt(0)) + doc.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}

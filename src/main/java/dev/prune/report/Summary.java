package dev.prune.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code summary.md}, the page a reader opens first: what was run and on what, the cycle table,
 * the claims and whether they held, and the plots. Everything is read back from the run
 * directory's files, so a resumed run's page covers the cycles from before the interruption and
 * {@code prune report DIR} can draw it again.
 */
final class Summary {
    static final String ACCURACY_PNG = "accuracy_sparsity.png";
    static final String LR_PNG = "lr.png";
    static final String LAYERS_PNG = "layer_sparsity.png";

    /** Columns the table shows in its own way; any other column a run records is shown as it is. */
    private static final Set<String> SHOWN = Set.of("cycle", "sparsity", "accuracy", "loss", "val_accuracy",
            "lr_max", "lr_min", "train_loss", "epochs", "seconds", "retrained", "frozen");

    private Summary() {
    }

    /** Writes the page and its plots; the names of the files written, the page first. */
    static List<String> write(Path dir) {
        Map<String, Object> manifest = dir.resolve("manifest.json").toFile().exists() ? Manifest.read(dir) : Map.of();
        List<Map<String, Object>> cycles = RunFiles.jsonLines(dir.resolve("cycles.jsonl"));
        List<Map<String, Object>> expectations = RunFiles.jsonLines(dir.resolve("expectations.jsonl"));
        List<List<String>> lr = RunFiles.csv(dir.resolve("lr.csv"));
        List<String> plots = new ArrayList<>();
        List<String> written = new ArrayList<>(List.of("summary.md"));
        try {
            if (!cycles.isEmpty()) {
                RunDirectory.writeAtomically(dir.resolve(ACCURACY_PNG), Plots.accuracyVsSparsity(cycles));
                plots.add("![accuracy vs sparsity](" + ACCURACY_PNG + ")");
            }
            if (lr.size() > 1) {
                RunDirectory.writeAtomically(dir.resolve(LR_PNG), Plots.learningRate(lr));
                plots.add("![learning rate](" + LR_PNG + ")");
            }
            if (!cycles.isEmpty()) {
                RunDirectory.writeAtomically(dir.resolve(LAYERS_PNG), Plots.layerSparsity(cycles));
                plots.add("![sparsity per layer](" + LAYERS_PNG + ")");
            }
            RunDirectory.writeAtomically(dir.resolve("summary.md"), page(dir, manifest, cycles, expectations, plots));
            for (String png : List.of(ACCURACY_PNG, LR_PNG, LAYERS_PNG)) {
                if (plots.stream().anyMatch(p -> p.contains("(" + png + ")"))) {
                    written.add(png);
                }
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary in " + dir + ": " + RunDirectory.reason(e), e);
        }
    }

    static String page(Path dir, Map<String, Object> m, List<Map<String, Object>> cycles,
                       List<Map<String, Object>> expectations, List<String> plots) {
        StringBuilder out = new StringBuilder();
        Object recipe = m.get("recipe");
        String name = recipe == null ? dir.getFileName().toString()
                : Path.of(recipe.toString()).getFileName().toString().replaceFirst("\\.prune$", "");
        out.append("# ").append(name).append("\n\n");
        out.append(Facts.of(m)).append('\n');
        out.append("## Cycles\n\n");
        if (cycles.isEmpty()) {
            out.append("No cycle has been recorded.\n\n");
        } else {
            table(out, cycles);
            sweeps(out, cycles);
        }
        compact(out, RunFiles.csv(dir.resolve("compact.csv")));
        if (!expectations.isEmpty()) {
            out.append("## Expectations\n\n");
            for (Map<String, Object> e : expectations) {
                boolean held = Boolean.TRUE.equals(e.get("held"));
                out.append("- ").append(held ? "held" : "**FAILED**").append(": `").append(e.get("claim"))
                        .append("` (").append(e.get("detail")).append(")\n");
            }
            out.append('\n');
        }
        if (!plots.isEmpty()) {
            out.append("## Plots\n\n");
            plots.forEach(p -> out.append(p).append("\n\n"));
        }
        out.append("## Files\n\n")
                .append("`recipe.prune` (as run), `manifest.json` (provenance), `cycles.csv` and `epochs.csv` ")
                .append("(with `.jsonl` twins), `lr.csv` (learning rate by iteration), `expectations.jsonl`, ")
                .append("`checkpoint/` (to resume with `prune run --resume`).\n");
        return out.toString();
    }

    /** Each {@code compact}: sizes and measured inference before and after, from {@code compact.csv}. */
    private static void compact(StringBuilder out, List<List<String>> rows) {
        if (rows.size() < 2 || !rows.get(0).contains("params_before")) {
            return;
        }
        List<String> h = rows.get(0);
        out.append("## Compact\n\n| parameters | multiply-adds per example | inference CPU s (test split) "
                + "| measured speed-up | largest output difference |\n|---|---|---|---|---|\n");
        for (List<String> r : rows.subList(1, rows.size())) {
            double masked = Double.parseDouble(r.get(h.indexOf("masked_seconds")));
            double compact = Double.parseDouble(r.get(h.indexOf("compact_seconds")));
            out.append(String.format(Locale.ROOT, "| %,d → %,d | %,d → %,d | %.4f → %.4f | %.2fx | %s |%n",
                    Long.parseLong(r.get(h.indexOf("params_before"))), Long.parseLong(r.get(h.indexOf("params_after"))),
                    Long.parseLong(r.get(h.indexOf("flops_before"))), Long.parseLong(r.get(h.indexOf("flops_after"))),
                    masked, compact, masked / compact, r.get(h.indexOf("max_difference"))));
        }
        out.append('\n');
    }

    /** Each sweep's variants side by side, as the console showed them: test accuracy (and sparsity) by cycle. */
    private static void sweeps(StringBuilder out, List<Map<String, Object>> cycles) {
        Map<String, Map<String, Map<Integer, Map<String, Object>>>> sweeps = new java.util.LinkedHashMap<>();
        for (Map<String, Object> row : cycles) {
            String variant = row.get("variant") == null ? "" : row.get("variant").toString();
            int eq = variant.indexOf('=');
            if (eq > 0) {
                sweeps.computeIfAbsent(variant.substring(0, eq), k -> new java.util.LinkedHashMap<>())
                        .computeIfAbsent(variant.substring(eq + 1), k -> new java.util.TreeMap<>())
                        .put((int) RunFiles.num(row, "cycle"), row);
            }
        }
        sweeps.forEach((name, variants) -> {
            out.append("## Sweep ").append(name).append("\n\n");
            out.append("Test accuracy (sparsity) by cycle; every variant starts from the same state.\n\n| cycle |");
            variants.keySet().forEach(v -> out.append(" ").append(dev.prune.ast.Printer.variantName(name + "=" + v))
                    .append(" |"));
            out.append("\n|---:|");
            variants.keySet().forEach(v -> out.append("---:|"));
            out.append('\n');
            java.util.TreeSet<Integer> numbers = new java.util.TreeSet<>();
            variants.values().forEach(rows -> numbers.addAll(rows.keySet()));
            for (int c : numbers) {
                out.append("| ").append(c).append(" |");
                for (Map<Integer, Map<String, Object>> rows : variants.values()) {
                    Map<String, Object> r = rows.get(c);
                    out.append(r == null ? " — |" : String.format(java.util.Locale.ROOT, " %.2f%% (%.1f%%) |",
                            100 * RunFiles.num(r, "accuracy"), 100 * RunFiles.num(r, "sparsity")));
                }
                out.append('\n');
            }
            out.append('\n');
        });
    }

    private static void table(StringBuilder out, List<Map<String, Object>> cycles) {
        Set<String> extra = new java.util.LinkedHashSet<>();
        for (Map<String, Object> c : cycles) {
            for (String key : c.keySet()) {
                // Columns other issues add (oracle, sweep variant, time saved...) show when they say something.
                if (!SHOWN.contains(key) && !key.startsWith("sparsity_") && informative(c.get(key))) {
                    extra.add(key);
                }
            }
        }
        boolean val = cycles.stream().anyMatch(c -> Double.isFinite(RunFiles.num(c, "val_accuracy")));
        List<String> head = new ArrayList<>(List.of("cycle", "sparsity", "accuracy"));
        if (val) {
            head.add("val accuracy");
        }
        head.addAll(List.of("loss", "lr", "epochs", "frozen"));
        head.addAll(extra);
        head.add("seconds");
        out.append("| ").append(String.join(" | ", head)).append(" |\n|");
        head.forEach(h -> out.append(h.equals("frozen") ? "---|" : "---:|"));
        out.append('\n');
        for (Map<String, Object> c : cycles) {
            List<String> cells = new ArrayList<>();
            cells.add(String.valueOf(c.get("cycle")));
            cells.add(percent(RunFiles.num(c, "sparsity")));
            cells.add(percent(RunFiles.num(c, "accuracy")));
            if (val) {
                cells.add(percent(RunFiles.num(c, "val_accuracy")));
            }
            cells.add(number(RunFiles.num(c, "loss"), "%.4f"));
            cells.add(lr(RunFiles.num(c, "lr_min"), RunFiles.num(c, "lr_max")));
            cells.add(Boolean.TRUE.equals(c.get("retrained")) ? number(RunFiles.num(c, "epochs"), "%.3g") : "-");
            Object frozen = c.get("frozen");
            cells.add(frozen == null || frozen.toString().isEmpty() ? "-" : frozen.toString());
            for (String key : extra) {
                Object v = c.get(key);
                cells.add(v instanceof Number n ? extra(key, n.doubleValue()) : v == null ? "-" : v.toString());
            }
            cells.add(number(RunFiles.num(c, "seconds"), "%.1f"));
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        out.append('\n');
    }

    /** The cost numbers read as they do on the console: ratios with an x, the dead neuron rate in percent. */
    private static String extra(String key, double v) {
        return switch (key) {
            case "compression", "speedup" -> number(v, "%.2fx");
            case "dnr" -> percent(v);
            default -> number(v, "%.4g");
        };
    }

    private static boolean informative(Object v) {
        if (v == null || v instanceof Boolean b && !b) {
            return false;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0 && !Double.isNaN(n.doubleValue());
        }
        String text = v.toString();
        return !text.isEmpty() && !text.equals("false") && !text.equals("NaN");
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    private static String number(double v, String format) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
    }

    private static String lr(double min, double max) {
        if (Double.isNaN(max)) {
            return "-";
        }
        return min == max ? String.format(Locale.ROOT, "%.4g", max)
                : String.format(Locale.ROOT, "%.4g–%.4g", min, max);
    }
}

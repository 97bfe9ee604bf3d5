package dev.prune.study;

import dev.prune.report.Manifest;
import dev.prune.report.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cycle rows of every run of a study in one table ({@code study.csv}): the run, its variant,
 * the seed it ran with (from its manifest; a variant of a sweep over seeds inside the recipe has
 * its own), its grid values and status, then the run's own {@code cycles.csv} columns. And the
 * statistics over seeds: mean and sample standard deviation per variant and cycle, over the runs
 * that finished.
 *
 * <p>A recipe that runs no cycles (dense training only) has its epoch rows instead, from each
 * run's {@code epochs.csv} (the run evaluates after every epoch): the statistics are then per
 * epoch, counted over the whole run.
 */
public final class StudyTable {
    /** The columns averaged over seeds. */
    public static final List<String> METRICS = List.of("sparsity", "accuracy", "val_accuracy", "loss", "dnr");

    private final List<String> header;
    private final List<Map<String, String>> rows;
    private final String unit;

    private StudyTable(List<String> header, List<Map<String, String>> rows, String unit) {
        this.header = header;
        this.rows = rows;
        this.unit = unit;
    }

    /** "cycle", or "epoch" for a study whose runs recorded no cycle. */
    public String unit() {
        return unit;
    }

    /** Reads the runs' tables back; runs not started yet have no rows. */
    public static StudyTable gather(Study study, Path studyDir) {
        boolean cycled = study.runs().stream()
                .anyMatch(r -> RunFiles.csv(Study.runDir(studyDir, r).resolve("cycles.csv")).size() > 1);
        List<String> header = new ArrayList<>(List.of("run", "study_variant", "seed"));
        header.addAll(study.grid());
        header.add("status");
        int fixed = header.size();
        List<Map<String, String>> rows = new ArrayList<>();
        for (RunSpec run : study.runs()) {
            Path dir = Study.runDir(studyDir, run);
            List<List<String>> cycles = RunFiles.csv(dir.resolve(cycled ? "cycles.csv" : "epochs.csv"));
            if (cycles.isEmpty()) {
                continue;
            }
            Map<String, Object> manifest = Files.exists(dir.resolve("manifest.json")) ? Manifest.read(dir) : Map.of();
            Object seed = manifest.get("seed");
            Object variantSeeds = manifest.get("variant_seeds");
            String status = String.valueOf(manifest.getOrDefault("status", "running"));
            List<String> names = cycles.get(0);
            for (String n : names) {
                if (!header.subList(fixed, header.size()).contains(n)) {
                    header.add(n);
                }
            }
            for (List<String> cells : cycles.subList(1, cycles.size())) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("run", run.name());
                row.put("study_variant", run.variant());
                row.put("seed", seed == null ? (run.seed() == null ? "" : run.seed().toString()) : seed.toString());
                row.putAll(run.values());
                row.put("status", status.startsWith("failed") ? "failed" : status);
                for (int i = 0; i < names.size() && i < cells.size(); i++) {
                    row.put(names.get(i), cells.get(i));
                }
                Object own = variantSeed(variantSeeds, row.getOrDefault("variant", ""));
                if (own != null) {
                    row.put("seed", own.toString());
                }
                rows.add(row);
            }
        }
        return new StudyTable(List.copyOf(header), List.copyOf(rows), cycled ? "cycle" : "epoch");
    }

    /**
     * The seed a sweep variant ran with when a sweep over seeds set it: the manifest's
     * {@code variant_seeds} entry of the variant or of the outer variant it is nested in; else null.
     */
    private static Object variantSeed(Object variantSeeds, String variant) {
        if (!(variantSeeds instanceof Map<?, ?> seeds) || variant.isEmpty()) {
            return null;
        }
        Object found = null;
        int longest = -1;
        for (Map.Entry<?, ?> e : seeds.entrySet()) {
            String name = e.getKey().toString();
            if ((variant.equals(name) || variant.startsWith(name + ",")) && name.length() > longest) {
                found = e.getValue();
                longest = name.length();
            }
        }
        return found;
    }

    public List<Map<String, String>> rows() {
        return rows;
    }

    /** The table as CSV, cells quoted when they hold a comma or a quote. */
    public String csv() {
        StringBuilder out = new StringBuilder(String.join(",", header)).append('\n');
        for (Map<String, String> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String h : header) {
                cells.add(quote(row.getOrDefault(h, "")));
            }
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    private static String quote(String cell) {
        return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    /** Mean and sample standard deviation of one metric over the runs of a variant at one cycle. */
    public record Stat(double mean, double std, int n) {
        static Stat of(List<Double> values) {
            int n = values.size();
            double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
            double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Stat(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, n);
        }
    }

    /**
     * Per variant (in study order), per cycle (ascending; per epoch for a study without cycles), per
     * metric: the statistics over finished runs.
     */
    public Map<String, TreeMap<Integer, Map<String, Stat>>> stats() {
        Map<String, TreeMap<Integer, Map<String, List<Double>>>> values = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            if (!"ok".equals(row.get("status"))) {
                continue;
            }
            int cycle = unit.equals("cycle") ? (int) number(row.get("cycle")) : (int) Math.round(number(row.get("epochs")));
            Map<String, List<Double>> at = values.computeIfAbsent(key(row), k -> new TreeMap<>())
                    .computeIfAbsent(cycle, c -> new LinkedHashMap<>());
            for (String m : METRICS) {
                double v = number(row.get(m));
                if (Double.isFinite(v)) {
                    at.computeIfAbsent(m, k -> new ArrayList<>()).add(v);
                }
            }
        }
        Map<String, TreeMap<Integer, Map<String, Stat>>> stats = new LinkedHashMap<>();
        values.forEach((variant, cycles) -> {
            TreeMap<Integer, Map<String, Stat>> byCycle = new TreeMap<>();
            cycles.forEach((c, ms) -> {
                Map<String, Stat> s = new LinkedHashMap<>();
                ms.forEach((m, vs) -> s.put(m, Stat.of(vs)));
                byCycle.put(c, s);
            });
            stats.put(variant, byCycle);
        });
        return stats;
    }

    /** A series: the study's variant, and the variant of a sweep inside the recipe when there is one. */
    private static String key(Map<String, String> row) {
        String sweep = row.getOrDefault("variant", "");
        String study = row.get("study_variant");
        return sweep.isEmpty() ? study : study.equals("recipe") ? sweep : study + " / " + sweep;
    }

    static double number(String cell) {
        if (cell == null || cell.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * A run's last cycle row in words, for the console: "cycle 3: accuracy 91.20% at sparsity 48.80%";
     * for a run without cycles its last epoch: "epoch 5: accuracy 80.83%".
     */
    public static String lastRow(Path runDir) {
        List<List<String>> cycles = RunFiles.csv(runDir.resolve("cycles.csv"));
        if (cycles.size() < 2) {
            List<List<String>> epochs = RunFiles.csv(runDir.resolve("epochs.csv"));
            if (epochs.size() < 2) {
                return "no cycle recorded";
            }
            List<String> h = epochs.get(0);
            List<String> last = epochs.get(epochs.size() - 1);
            double accuracy = number(last.get(h.indexOf("accuracy")));
            return String.format(Locale.ROOT, "epoch %d: ", Math.round(number(last.get(h.indexOf("epochs")))))
                    + (Double.isNaN(accuracy) ? "no test accuracy recorded"
                            : String.format(Locale.ROOT, "accuracy %.2f%%", 100 * accuracy));
        }
        List<String> h = cycles.get(0);
        List<String> last = cycles.get(cycles.size() - 1);
        int c = h.indexOf("cycle");
        int a = h.indexOf("accuracy");
        int s = h.indexOf("sparsity");
        return String.format(Locale.ROOT, "cycle %s: accuracy %.2f%% at sparsity %.2f%%", last.get(c),
                100 * number(last.get(a)), 100 * number(last.get(s)));
    }

    /** Writes {@code study.csv}. */
    public void write(Path studyDir) throws IOException {
        Path tmp = studyDir.resolve("study.csv.tmp");
        Files.writeString(tmp, csv());
        Files.move(tmp, studyDir.resolve("study.csv"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}

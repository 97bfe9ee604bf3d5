package dev.prune.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What differs between two runs of one recipe: the tables metric by metric (wall-clock seconds
 * aside, which never repeat), and, as warnings, the provenance that can explain it — machine,
 * versions, thread count, data.
 */
public final class Comparison {
    /** Manifest fields whose difference can change the numbers. */
    private static final List<String> PROVENANCE = List.of("tool", "threads", "cpu", "cpus", "os", "java");

    /** @param differences the number of (row, metric) pairs that differ, plus rows only one run has */
    public record Result(List<String> warnings, List<String> lines, int differences) {}

    /** Columns measured by the clock (or estimated from it), which no two runs repeat. */
    static final Set<String> WALL_CLOCK = Set.of("seconds", "seconds_saved", "masked_seconds", "compact_seconds");

    private final List<String> warnings = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private int differences;

    private Comparison() {
    }

    public static Result of(Path original, Path replay) {
        Comparison c = new Comparison();
        c.provenance(Manifest.read(original), Manifest.read(replay));
        c.table("cycles", original, replay, "cycles.jsonl", r -> "cycle " + r.get("cycle"));
        c.table("epochs", original, replay, "epochs.jsonl", r -> r.get("phase") + " epoch " + r.get("epoch"));
        c.table("expectations", original, replay, "expectations.jsonl", r -> "'" + r.get("claim") + "'");
        return new Result(List.copyOf(c.warnings), List.copyOf(c.lines), c.differences);
    }

    private void provenance(Map<String, Object> a, Map<String, Object> b) {
        for (String key : PROVENANCE) {
            warnIfDifferent(key, a.get(key), b.get(key));
        }
        if (a.get("engine") instanceof Map<?, ?> ea && b.get("engine") instanceof Map<?, ?> eb) {
            Set<Object> keys = new LinkedHashSet<>(ea.keySet());
            keys.addAll(eb.keySet());
            for (Object k : keys) {
                warnIfDifferent("engine " + k, ea.get(k), eb.get(k));
            }
        }
        if (a.get("data") instanceof Map<?, ?> da && b.get("data") instanceof Map<?, ?> db) {
            warnIfDifferent("data fingerprint", da.get("fingerprint"), db.get("fingerprint"));
        }
    }

    private void warnIfDifferent(String what, Object a, Object b) {
        if (!Objects.equals(String.valueOf(a), String.valueOf(b))) {
            warnings.add(what + " differs: " + a + " (original) vs " + b + " (replay); numbers can differ");
        }
    }

    private void table(String name, Path original, Path replay, String file,
                       Function<Map<String, Object>, String> label) {
        List<Map<String, Object>> a = RunFiles.jsonLines(original.resolve(file));
        List<Map<String, Object>> b = RunFiles.jsonLines(replay.resolve(file));
        if (a.isEmpty() && b.isEmpty()) {
            lines.add(name + ": none in either run");
            return;
        }
        Set<String> metrics = new LinkedHashSet<>();
        a.forEach(r -> metrics.addAll(r.keySet()));
        b.forEach(r -> metrics.addAll(r.keySet()));
        List<String> ignored = metrics.stream().filter(WALL_CLOCK::contains).toList();
        metrics.removeAll(WALL_CLOCK);
        if (!ignored.isEmpty()) {
            lines.add(name + ": wall-clock columns not compared: " + String.join(", ", ignored));
        }
        int before = differences;
        if (a.size() != b.size()) {
            differences += Math.abs(a.size() - b.size());
            lines.add(name + ": " + a.size() + " rows in the original, " + b.size() + " in the replay");
        }
        int rows = Math.min(a.size(), b.size());
        Map<String, List<String>> byMetric = new LinkedHashMap<>();
        for (int i = 0; i < rows; i++) {
            for (String m : metrics) {
                Object x = a.get(i).get(m);
                Object y = b.get(i).get(m);
                if (!Objects.equals(x, y)) {
                    byMetric.computeIfAbsent(m, k -> new ArrayList<>()).add(label.apply(a.get(i)) + ": " + x + " vs " + y);
                }
            }
        }
        byMetric.forEach((metric, diffs) -> {
            differences += diffs.size();
            lines.add(name + ": " + metric + " differs in " + diffs.size() + " of " + rows + " rows (original vs replay): "
                    + String.join("; ", diffs.subList(0, Math.min(5, diffs.size())))
                    + (diffs.size() > 5 ? "; ..." : ""));
        });
        if (differences == before) {
            lines.add(name + ": no differences (" + rows + " rows, " + metrics.size() + " metrics)");
        }
    }
}

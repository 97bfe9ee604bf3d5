package dev.prune.report;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The manifest's facts as the bullet list at the top of {@code summary.md}. */
final class Facts {
    private Facts() {
    }

    static String of(Map<String, Object> m) {
        if (m.isEmpty()) {
            return "No manifest.\n";
        }
        StringBuilder out = new StringBuilder();
        line(out, "status", status(m));
        if (m.get("recipe_sha256") instanceof String sha) {
            line(out, "recipe", "`recipe.prune`, sha256 `" + sha.substring(0, Math.min(16, sha.length())) + "…`");
        }
        if (m.get("params") instanceof Map<?, ?> p && !p.isEmpty()) {
            line(out, "params", p.entrySet().stream().map(e -> "`" + e.getKey() + " = " + e.getValue() + "`")
                    .collect(Collectors.joining(", ")));
        }
        line(out, "seed, threads", m.getOrDefault("seed", m.get("seed_option")) + ", " + m.get("threads"));
        if (m.get("data") instanceof Map<?, ?> d) {
            String f = String.valueOf(d.get("fingerprint"));
            line(out, "data", d.get("split") + " (fingerprint `" + f + "`)");
        }
        if (m.get("model") != null) {
            line(out, "model", String.valueOf(m.get("model")));
        }
        if (m.get("engine") instanceof Map<?, ?> e) {
            line(out, "engine", e.entrySet().stream().map(x -> x.getKey() + " " + x.getValue())
                    .collect(Collectors.joining(", ")));
        }
        if (m.get("cpu") != null) {
            line(out, "machine", m.get("cpu") + " (" + m.get("cpus") + " cpus); " + m.get("os") + "; Java " + m.get("java"));
        }
        if (m.get("tool") != null) {
            line(out, "tool", String.valueOf(m.get("tool")));
        }
        if (m.get("start") != null) {
            line(out, "started", m.get("start") + (m.get("end") == null ? "" : ", ended " + m.get("end")
                    + (m.get("seconds") == null ? "" : " (" + m.get("seconds") + " s)")));
        }
        if (m.get("resumed") instanceof List<?> r && !r.isEmpty()) {
            line(out, "resumed", r.size() + (r.size() == 1 ? " time" : " times") + " from a checkpoint");
        }
        return out.toString();
    }

    private static String status(Map<String, Object> m) {
        Object code = m.get("exit_code");
        return m.get("status") + (code == null ? "" : " (exit " + code + ")");
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append("- **").append(key).append("**: ").append(value).append('\n');
    }
}

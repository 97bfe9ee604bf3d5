package dev.prune.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a study: its directory name, the seed it is given (null: the recipe's own), and its
 * grid values, applied like {@code --set}.
 */
public record RunSpec(String name, Long seed, Map<String, String> values) {
    public RunSpec {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The variant this run belongs to: its grid values, or "recipe" when there is no grid. */
    public String variant() {
        if (values.isEmpty()) {
            return "recipe";
        }
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" ", parts);
    }

    /** The arguments after {@code prune} that start this run into {@code dir}. */
    public List<String> runArgs(Path recipe, Path dir, int threads) {
        List<String> args = new ArrayList<>(List.of("run", recipe.toString(), "--out", dir.toString()));
        if (seed != null) {
            args.addAll(List.of("--seed", seed.toString()));
        }
        values.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        args.addAll(List.of("--threads", Integer.toString(threads)));
        return args;
    }

    /** A directory name from the index, the grid values and the seed, with only portable characters. */
    static String dirName(int index, Map<String, String> values, Long seed) {
        StringBuilder name = new StringBuilder(String.format(java.util.Locale.ROOT, "%02d", index));
        values.forEach((k, v) -> name.append('-').append(k).append('_').append(v));
        if (seed != null) {
            name.append("-seed_").append(seed);
        }
        return name.toString().replace("%", "pct").replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}

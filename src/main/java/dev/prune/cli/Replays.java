package dev.prune.cli;

import dev.prune.report.Manifest;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The settings of an earlier run, read from its manifest, to resume or replay it. */
final class Replays {
    private Replays() {
    }

    /** @throws UncheckedIOException when DIR has no readable manifest */
    static Runner.Settings settings(Path dir, List<String> command) {
        if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
            throw new UncheckedIOException("it has no manifest.json", new NoSuchFileException(dir.toString()));
        }
        Map<String, Object> m = Manifest.read(dir);
        Path recipe = dir.resolve("recipe.prune");
        Path origin = m.get("recipe") instanceof String s ? Path.of(s) : recipe;
        Map<String, String> sets = new LinkedHashMap<>();
        if (m.get("params") instanceof Map<?, ?> params) {
            params.forEach((k, v) -> sets.put(k.toString(), v.toString()));
        }
        Long seed = m.get("seed_option") instanceof Number n ? Long.valueOf(n.longValue()) : null;
        int threads = m.get("threads") instanceof Number n ? n.intValue() : 1;
        if (threads < 1 || threads > Runner.MAX_THREADS) {
            throw new UncheckedIOException("its manifest.json says threads " + m.get("threads") + ", outside 1.."
                    + Runner.MAX_THREADS + " (4 per core of this machine)", new java.io.IOException("threads"));
        }
        // Variants side by side give the numbers of variants in turn; the setting only changes the wall time.
        int variants = m.get("parallel_variants") instanceof Number n ? Math.max(1, n.intValue()) : 1;
        List<Path> allow = new ArrayList<>();
        if (m.get("allow_write") instanceof List<?> paths) {
            paths.forEach(p -> allow.add(Path.of(p.toString())));
        }
        return new Runner.Settings(recipe, origin, sets, seed, threads, allow, command, variants);
    }
}

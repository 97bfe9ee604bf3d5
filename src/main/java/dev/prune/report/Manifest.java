package dev.prune.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.prune.builtins.Value;
import dev.prune.data.DataSplit;
import dev.prune.engine.NetworkSpec;
import dev.prune.interp.RunListener;
import dev.prune.interp.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code manifest.json}: what it takes to run the recipe again and get the same numbers — recipe
 * and its hash, resolved params, seed, thread count, the command line, versions, machine, data
 * fingerprint — and how the run ended. Written at the start with status "running" and again as
 * facts arrive and at the end, always by rename, so even a killed run says what it was.
 */
public final class Manifest implements RunListener {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, Object> fields;
    /** The sweep variant being run ("NAME=value"), or null outside sweeps. */
    private String variant;

    private Manifest(Path dir, Map<String, Object> fields) {
        this.file = dir.resolve("manifest.json");
        this.fields = fields;
    }

    /**
     * The manifest of a new run.
     *
     * @param recipe  the recipe file as given (recorded absolute, so imports next to it are found again)
     * @param seed    the --seed given, or null when the recipe's own seed applies
     * @param command the command-line arguments after {@code prune}
     */
    public static Manifest start(Path dir, Path recipe, String recipeText, Map<String, Value> params, Long seed,
                                 int threads, List<Path> allowWrite, List<String> command) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("tool", "prune " + version());
        f.put("prune_version", version());
        f.put("git_commit", BuildInfo.commit());
        f.put("command", List.copyOf(command));
        f.put("recipe", recipe.toAbsolutePath().normalize().toString());
        f.put("recipe_sha256", sha256(recipeText));
        Map<String, String> shown = new TreeMap<>();
        params.forEach((k, v) -> shown.put(k, v.show()));
        f.put("params", shown);
        f.put("seed_option", seed);
        f.put("threads", threads);
        f.put("allow_write", allowWrite.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
        f.putAll(Machine.facts());
        f.put("start", Instant.now().toString());
        f.put("status", "running");
        Manifest m = new Manifest(dir, f);
        m.write();
        return m;
    }

    /**
     * How many sweep variants the run lets train at once ({@code prune run --parallel-variants}); a
     * resumed or replayed run uses it again. It changes the wall time, not the numbers.
     */
    public void parallelVariants(int n) {
        fields.put("parallel_variants", n);
        write();
    }

    /** The manifest of a run being resumed: everything it said, plus when it was resumed. */
    @SuppressWarnings("unchecked")
    public static Manifest resume(Path dir, int afterCycle) {
        Map<String, Object> f = read(dir);
        List<Object> resumed = new ArrayList<>((List<Object>) f.getOrDefault("resumed", List.of()));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", Instant.now().toString());
        entry.put("after_cycle", afterCycle);
        entry.putAll(Machine.facts());
        resumed.add(entry);
        f.put("resumed", resumed);
        f.put("status", "running");
        f.remove("end");
        f.remove("exit_code");
        Manifest m = new Manifest(dir, f);
        m.write();
        return m;
    }

    /** The fields of a run's manifest. */
    public static Map<String, Object> read(Path dir) {
        Path file = dir.resolve("manifest.json");
        try {
            return JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + RunDirectory.reason(e), e);
        }
    }

    @Override
    public void variant(String sweep, String label, String variant, int index, int count) {
        this.variant = variant;
    }

    @Override
    public void sweep(String sweep, List<String> labels, List<List<dev.prune.interp.CycleRecord>> results,
                      NetworkSpec network) {
        variant = null;
    }

    @Override
    public void built(NetworkSpec network, DataSplit data, long seed, Map<String, String> engine) {
        if (variant != null) {
            // A sweep over seeds: each variant's own seed, beside the run's, which holds after the sweep.
            @SuppressWarnings("unchecked")
            Map<String, Object> seeds = (Map<String, Object>) fields.computeIfAbsent("variant_seeds",
                    k -> new LinkedHashMap<String, Object>());
            seeds.put(variant, seed);
        } else {
            fields.put("seed", seed);
        }
        fields.put("model", network.name());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", data.train().name());
        d.put("split", data.describe());
        d.put("fingerprint", data.fingerprint());
        d.putAll(data.preparation());
        fields.put("data", d);
        fields.put("engine", new LinkedHashMap<>(engine));
        write();
    }

    /**
     * Every training phase with a penalty in its loss, as {@code {"phase": ..., "penalty": ...}}: the
     * recipe says it too, but a reader of the results should not have to replay the policies.
     */
    @Override
    public void penalty(String phase, String penalty) {
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) fields.computeIfAbsent("penalties", k -> new java.util.ArrayList<Object>());
        Map<String, Object> entry = new LinkedHashMap<>();
        if (variant != null) {
            entry.put("variant", variant);
        }
        entry.put("phase", phase);
        entry.put("penalty", penalty);
        list.add(entry);
        write();
    }

    @Override
    public void resumed(Snapshot snapshot, NetworkSpec network, String engine) {
        fields.put("seed", snapshot.seed());
        write();
    }

    /**
     * Records how the run ended. Never throws: a run that cannot write its manifest (disk full)
     * has already said so, and the previous manifest, still "running", does not look complete.
     *
     * @return null, or one sentence when the manifest could not be written
     */
    public String finish(long seed, String status, int exitCode) {
        try {
            return record(seed, status, exitCode);
        } catch (UncheckedIOException e) {
            return e.getMessage();
        }
    }

    private String record(long seed, String status, int exitCode) {
        Instant end = Instant.now();
        fields.put("seed", seed);
        fields.put("end", end.toString());
        Object start = fields.get("start");
        if (start instanceof String s) {
            fields.put("seconds", Duration.between(Instant.parse(s), end).toMillis() / 1000.0);
        }
        List<Map<String, Object>> claims = RunFiles.jsonLines(file.resolveSibling("expectations.jsonl"));
        if (!claims.isEmpty()) {
            long held = claims.stream().filter(c -> Boolean.TRUE.equals(c.get("held"))).count();
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("held", held);
            counts.put("failed", claims.size() - held);
            fields.put("expectations", counts);
        }
        fields.put("status", status);
        fields.put("exit_code", exitCode);
        write();
        return null;
    }

    private void write() {
        try {
            RunDirectory.writeAtomically(file, JSON.writeValueAsString(fields) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + RunDirectory.reason(e), e);
        }
    }

    public static String version() {
        String v = Manifest.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

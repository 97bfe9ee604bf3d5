package dev.prune.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.prune.builtins.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code manifest.json}: what it takes to run the recipe again and get the same numbers — recipe
 * hash, resolved params, seed, thread count, versions, machine — written at the start (status
 * "running") and again at the end, so even a killed run says what it was.
 */
public final class Manifest {
    private final Path file;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public Manifest(Path dir, String recipeText, Map<String, Value> params, int threads) {
        this.file = dir.resolve("manifest.json");
        fields.put("tool", "prune " + version());
        fields.put("recipe_sha256", sha256(recipeText));
        Map<String, String> shown = new LinkedHashMap<>();
        params.forEach((k, v) -> shown.put(k, v.show()));
        fields.put("params", shown);
        fields.put("threads", threads);
        fields.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        fields.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        fields.put("cpus", Runtime.getRuntime().availableProcessors());
        fields.put("start", Instant.now().toString());
        fields.put("status", "running");
        write();
    }

    public void finish(long seed, String status, String engine) {
        fields.put("seed", seed);
        fields.put("engine", engine);
        fields.put("end", Instant.now().toString());
        fields.put("status", status);
        write();
    }

    private void write() {
        try {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            RunDirectory.writeAtomically(file, json.writeValueAsString(fields) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + RunDirectory.reason(e), e);
        }
    }

    static String version() {
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

package dev.prune.report;

import dev.prune.engine.NetworkSpec;
import dev.prune.interp.CycleRecord;
import dev.prune.interp.RunListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The run directory: {@code recipe.prune} as run, and {@code cycles.csv} with a row appended and
 * flushed as each cycle ends, so a run that dies keeps every finished cycle.
 */
public final class RunDirectory implements RunListener {
    private final Path dir;
    private List<String> header;

    public RunDirectory(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Creates the directory and writes the recipe; one sentence naming the path on failure. */
    public static RunDirectory create(Path dir, String recipeText) {
        try {
            Files.createDirectories(dir);
            writeAtomically(dir.resolve("recipe.prune"), recipeText);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run directory " + dir + ": " + reason(e), e);
        }
        return new RunDirectory(dir);
    }

    /** Writes through a temporary file and a rename, so a reader never sees half a file. */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String reason(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT) + (m == null ? "" : " (" + m + ")");
    }

    @Override
    public void cycle(CycleRecord record, NetworkSpec network) {
        Path csv = dir.resolve("cycles.csv");
        try {
            StringBuilder out = new StringBuilder();
            // A new network with other layers starts the table over; the same layers (a sweep
            // variant's own build, say) go on appending.
            List<String> now = CycleColumns.header(network);
            if (!now.equals(header)) {
                out.append(String.join(",", now)).append('\n');
                Files.writeString(csv, "", StandardCharsets.UTF_8);
                header = now;
            }
            out.append(String.join(",", CycleColumns.row(record, network))).append('\n');
            Files.writeString(csv, out, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv + ": " + reason(e), e);
        }
    }

    @Override
    public void report(List<CycleRecord> records, NetworkSpec network) {
        // The table itself is already on disk row by row; the summary page comes with the plots.
    }
}

package dev.prune.report;

import dev.prune.engine.CompactResult;
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
    private boolean headerWritten;

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
            if (!headerWritten) {
                out.append(String.join(",", CycleColumns.header(network))).append('\n');
                Files.writeString(csv, "", StandardCharsets.UTF_8);
                headerWritten = true;
            }
            out.append(String.join(",", CycleColumns.row(record, network))).append('\n');
            Files.writeString(csv, out, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv + ": " + reason(e), e);
        }
    }

    /** {@code compact.csv}: one row per compact statement, so the measured times stay with the run. */
    @Override
    public void compacted(NetworkSpec before, NetworkSpec after, CompactResult result, Path file) {
        Path csv = dir.resolve("compact.csv");
        try {
            if (!Files.exists(csv)) {
                Files.writeString(csv, "weights_before,weights_after,widths_after,max_difference,examples,"
                        + "masked_seconds,compact_seconds,file\n", StandardCharsets.UTF_8);
            }
            String widths = after.layers().stream().map(l -> Integer.toString(l.nOut()))
                    .collect(java.util.stream.Collectors.joining(" "));
            String row = String.join(",", Long.toString(before.weightCount()), Long.toString(after.weightCount()),
                    widths, CycleColumns.num(result.maxDifference()), Integer.toString(result.examples()),
                    CycleColumns.num(result.maskedSeconds()), CycleColumns.num(result.compactSeconds()),
                    file == null ? "" : dir.toAbsolutePath().relativize(file.toAbsolutePath()).toString()) + "\n";
            Files.writeString(csv, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv + ": " + reason(e), e);
        }
    }

    @Override
    public void network(NetworkSpec network, String engine) {
        headerWritten = false;
    }

    @Override
    public void report(List<CycleRecord> records, NetworkSpec network) {
        // The table itself is already on disk row by row; the summary page comes with the plots.
    }
}

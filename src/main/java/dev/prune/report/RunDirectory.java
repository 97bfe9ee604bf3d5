package dev.prune.report;

import dev.prune.engine.CompactResult;
import dev.prune.engine.NetworkSpec;
import dev.prune.interp.CycleRecord;
import dev.prune.interp.EpochRecord;
import dev.prune.interp.PhaseStart;
import dev.prune.interp.RunListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run directory: {@code recipe.prune} as run; {@code cycles.csv}, {@code epochs.csv} (each with
 * a {@code .jsonl} twin), {@code lr.csv} and {@code expectations.jsonl}, a row appended as each
 * event happens, so a run that dies keeps everything it finished; and on {@code report} and at the
 * end, {@code summary.md} with its plots.
 */
public final class RunDirectory implements RunListener {
    /** The tables, which grow by rows and are cut back on resume. */
    static final java.util.Set<String> TABLES = java.util.Set.of("cycles.csv", "cycles.jsonl", "epochs.csv",
            "epochs.jsonl", "expectations.jsonl", "compact.csv", "lr.csv");
    private final Path dir;
    private final AppendFile cyclesCsv;
    private final AppendFile cyclesJson;
    private final AppendFile epochsCsv;
    private final AppendFile epochsJson;
    private final AppendFile expectations;
    private final AppendFile compacts;
    private final LrLog lr;
    private boolean cyclesStarted;
    private boolean epochsStarted;
    /** Headers of the tables as written; another set of layers starts a table over. */
    private List<String> cyclesHeader;
    private List<String> epochsHeader;

    public RunDirectory(Path dir) {
        this.dir = dir;
        cyclesCsv = new AppendFile(dir.resolve("cycles.csv"));
        cyclesJson = new AppendFile(dir.resolve("cycles.jsonl"));
        epochsCsv = new AppendFile(dir.resolve("epochs.csv"));
        epochsJson = new AppendFile(dir.resolve("epochs.jsonl"));
        expectations = new AppendFile(dir.resolve("expectations.jsonl"));
        compacts = new AppendFile(dir.resolve("compact.csv"));
        lr = new LrLog(new AppendFile(dir.resolve("lr.csv")));
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
        RunDirectory run = new RunDirectory(dir);
        for (AppendFile f : run.files()) {
            f.truncate(0);
        }
        run.forgetEarlierRun();
        return run;
    }

    /** A directory used before keeps no page or checkpoint of that run, so nothing stale looks current. */
    private void forgetEarlierRun() {
        try {
            for (String name : List.of("summary.md", Summary.ACCURACY_PNG, Summary.LR_PNG, Summary.LAYERS_PNG)) {
                Files.deleteIfExists(dir.resolve(name));
            }
            Path checkpoint = dir.resolve(Checkpoints.FOLDER);
            if (Files.isDirectory(checkpoint)) {
                try (var files = Files.list(checkpoint)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the earlier run in " + dir + ": " + reason(e), e);
        }
    }

    /**
     * Opens a run directory to continue it: every table is cut back to the length a checkpoint
     * recorded, dropping rows of the cycle that was interrupted.
     */
    public static RunDirectory reopen(Path dir, Map<String, Long> lengths) {
        RunDirectory run = new RunDirectory(dir);
        for (AppendFile f : run.files()) {
            f.truncate(lengths.getOrDefault(f.name(), 0L));
        }
        run.cyclesStarted = !run.cyclesCsv.isEmpty();
        run.epochsStarted = !run.epochsCsv.isEmpty();
        run.lr.reopen();
        return run;
    }

    private List<AppendFile> files() {
        return List.of(cyclesCsv, cyclesJson, epochsCsv, epochsJson, expectations, compacts, lr.file());
    }

    /** Byte length of each table, for a checkpoint. */
    public Map<String, Long> lengths() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (AppendFile f : files()) {
            out.put(f.name(), f.length());
        }
        return out;
    }

    /** Writes through a temporary file and a rename, so a reader never sees half a file. */
    public static void writeAtomically(Path file, String text) throws IOException {
        writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            // Created new: a link left in the temporary file's place is removed, never written through;
            // the rename then replaces the file's name, never what a link there points to.
            Files.deleteIfExists(tmp);
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** The cause of a failed write in words: "the disk is full", "permission denied (PATH)". */
    static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof FileSystemException f && f.getReason() != null) {
            m = f.getReason();
        }
        if (m != null && m.contains("No space left on device")) {
            return "the disk is full";
        }
        if (m != null && m.contains("File too large")) {
            return "the file would outgrow the largest size allowed (ulimit -f, or the file system's limit)";
        }
        if (m != null && m.contains("Too many levels of symbolic links")) {
            return "it is a symbolic link, which a run directory's files may not be";
        }
        String kind = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
        if (kind.equals("file system") || kind.equals("i o")) {
            return m == null ? "input/output error" : m.toLowerCase(java.util.Locale.ROOT);
        }
        return kind + (m == null ? "" : " (" + m + ")");
    }

    /** {@code compact.csv}: one row per compact statement, so the measured times stay with the run. */
    @Override
    public void compacted(NetworkSpec before, NetworkSpec after, CompactResult result, Path file) {
        if (compacts.isEmpty()) {
            compacts.append(Rows.csv(List.of("weights_before", "weights_after", "params_before", "params_after",
                    "flops_before", "flops_after", "widths_after", "max_difference", "examples", "masked_seconds",
                    "compact_seconds", "file")));
        }
        String widths = after.layers().stream().map(l -> Integer.toString(l.nOut()))
                .collect(java.util.stream.Collectors.joining(" "));
        compacts.append(Rows.csv(List.of(Long.toString(before.weightCount()), Long.toString(after.weightCount()),
                Long.toString(before.parameterCount()), Long.toString(after.parameterCount()),
                Long.toString(before.multiplyAdds()), Long.toString(after.multiplyAdds()), widths, CycleColumns.num(result.maxDifference()), Integer.toString(result.examples()),
                CycleColumns.num(result.maskedSeconds()), CycleColumns.num(result.compactSeconds()),
                file == null ? "" : dir.toAbsolutePath().relativize(file.toAbsolutePath()).toString())));
    }

    @Override
    public void network(NetworkSpec network, String engine) {
        // Tables start over only when the layers change (see cycle()): a sweep variant builds its
        // own network with the same layers, and its rows go on after the previous variant's.
    }

    @Override
    public void cycle(CycleRecord record, NetworkSpec network) {
        List<String> header = CycleColumns.header(network);
        if (!cyclesStarted || cyclesHeader != null && !header.equals(cyclesHeader)) {
            cyclesCsv.replace(Rows.csv(header));
            cyclesJson.truncate(0);
            cyclesStarted = true;
        }
        cyclesHeader = header;
        List<String> row = CycleColumns.row(record, network);
        cyclesCsv.append(Rows.csv(row));
        cyclesJson.append(Rows.json(header, row));
    }

    @Override
    public void phase(PhaseStart start) {
        lr.phase(start);
    }

    @Override
    public void epochEnded(EpochRecord record, NetworkSpec network) {
        List<String> header = EpochColumns.header(network);
        if (!epochsStarted || epochsHeader != null && !header.equals(epochsHeader)) {
            epochsCsv.replace(Rows.csv(header));
            epochsJson.truncate(0);
            epochsStarted = true;
        }
        epochsHeader = header;
        List<String> row = EpochColumns.row(record, network);
        epochsCsv.append(Rows.csv(row));
        epochsJson.append(Rows.json(header, row));
        lr.upTo(record.iteration());
    }

    @Override
    public void expectation(String claim, boolean held, String detail) {
        expectations.append(Rows.json(List.of("claim", "held", "detail"),
                List.of(claim, Boolean.toString(held), detail)));
    }

    @Override
    public void report(List<CycleRecord> records, NetworkSpec network) {
        writeSummary();
    }

    /** {@code summary.md} and the plots, from the files written so far; the names of the files written. */
    public List<String> writeSummary() {
        return Summary.write(dir);
    }
}

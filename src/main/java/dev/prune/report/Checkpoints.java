package dev.prune.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prune.engine.Engine;
import dev.prune.interp.CheckpointSink;
import dev.prune.interp.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checkpoint of a run, in {@code DIR/checkpoint/}: the engine's state in a file named after
 * its position, and {@code state.json} with the interpreter's snapshot, the name of that engine
 * file and the length of every table. {@code state.json} is written last and by rename, so it is
 * the commit: a kill at any moment leaves it pointing at a complete engine file (older ones are
 * deleted only after the new state is in place).
 */
public final class Checkpoints implements CheckpointSink {
    public static final String FOLDER = "checkpoint";
    static final String STATE = "state.json";
    static final String RECIPE = "recipe.prune";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static {
        // A checkpoint written before the training speed was kept has no "speed"; left out when null,
        // it signs as it was written and still resumes (its skipped fine-tunings then estimate anew).
        JsonInclude.Include nonNull = JsonInclude.Include.NON_NULL;
        JSON.configOverride(Snapshot.Speed.class).setIncludeAsProperty(JsonInclude.Value.construct(nonNull, nonNull));
    }

    /**
     * What {@code state.json} holds. {@code sha256}: the SHA-256 of every file the checkpoint relies
     * on, by name in the run directory (the engine file, the recipe as run, each table up to its
     * recorded length); {@code check}: the SHA-256 of this record written with {@code check} null,
     * so an edited field is noticed too.
     */
    public record Stored(String engine, Map<String, Long> files, String written, Snapshot snapshot,
                         Map<String, String> sha256, String check) {}

    /** A checkpoint read back: the snapshot, the engine file it belongs with, and the table lengths. */
    public record Loaded(Snapshot snapshot, Path engine, Map<String, Long> files) {}

    private final Path folder;
    private final RunDirectory run;

    public Checkpoints(RunDirectory run) {
        this.run = run;
        this.folder = run.dir().resolve(FOLDER);
    }

    @Override
    public void save(Snapshot snapshot, Engine engine) {
        String name = "engine-" + snapshot.step() + "-" + snapshot.done() + ".zip";
        Path file = folder.resolve(name);
        Path tmp = folder.resolve(name + ".tmp");
        try {
            if (Files.isSymbolicLink(folder)) {
                throw new UncheckedIOException("cannot write the checkpoint: " + folder + " is a symbolic link, which "
                        + "a run directory's files may not be", new IOException(folder.toString()));
            }
            Files.createDirectories(folder);
            Files.deleteIfExists(tmp);
            engine.saveState(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Map<String, Long> lengths = run.lengths();
            Map<String, String> sums = new TreeMap<>();
            sums.put(FOLDER + "/" + name, Digests.sha256(file, Long.MAX_VALUE));
            sums.put(RECIPE, Digests.sha256(run.dir().resolve(RECIPE), Long.MAX_VALUE));
            for (Map.Entry<String, Long> table : lengths.entrySet()) {
                sums.put(table.getKey(), Digests.sha256(run.dir().resolve(table.getKey()), table.getValue()));
            }
            Stored unsigned = new Stored(name, lengths, Instant.now().toString(), snapshot, sums, null);
            Stored stored = new Stored(name, lengths, unsigned.written(), snapshot, sums,
                    Manifest.sha256(JSON.writeValueAsString(unsigned)));
            RunDirectory.writeAtomically(folder.resolve(STATE), JSON.writeValueAsString(stored));
            deleteOthers(name);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write the checkpoint in " + folder + ": " + RunDirectory.reason(e), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    private void deleteOthers(String keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "engine-*")) {
            for (Path f : files) {
                if (!f.getFileName().toString().equals(keep)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Left-over temporary files are never read: only state.json names an engine file.
        }
    }

    /** True when the run directory holds a checkpoint to resume from. */
    public static boolean exists(Path runDir) {
        return Files.isRegularFile(runDir.resolve(FOLDER).resolve(STATE));
    }

    /**
     * Reads the checkpoint and proves it: its own fields unedited and sensible, and every file it
     * relies on unchanged since it was written. A mismatch is one sentence naming the file: resuming
     * would mix numbers of two different runs.
     */
    public static Loaded load(Path runDir) {
        Path state = runDir.resolve(FOLDER).resolve(STATE);
        Stored stored;
        try {
            stored = JSON.readValue(state.toFile(), Stored.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + state + ": " + RunDirectory.reason(e), e);
        }
        try {
            if (stored.check() == null || stored.sha256() == null) {
                throw mismatch(state, "it has no checksums (written by an older Prune); start the run again");
            }
            Stored unsigned = new Stored(stored.engine(), stored.files(), stored.written(), stored.snapshot(),
                    stored.sha256(), null);
            if (!stored.check().equals(Manifest.sha256(JSON.writeValueAsString(unsigned)))) {
                throw mismatch(state, "it was edited after it was written");
            }
            validate(state, stored);
            Path engine = state.resolveSibling(stored.engine());
            verify(runDir, FOLDER + "/" + stored.engine(), Long.MAX_VALUE, stored.sha256());
            verify(runDir, RECIPE, Long.MAX_VALUE, stored.sha256());
            for (Map.Entry<String, Long> table : stored.files().entrySet()) {
                verify(runDir, table.getKey(), table.getValue(), stored.sha256());
            }
            return new Loaded(stored.snapshot(), engine, stored.files());
        } catch (CheckpointMismatch e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + state + ": " + RunDirectory.reason(e), e);
        }
    }

    /** Fields a consistent checkpoint always has; a checkpoint that fails these was not written by a run. */
    private static void validate(Path state, Stored s) {
        Snapshot snap = s.snapshot();
        String bad = null;
        if (s.engine() == null || !s.engine().matches("engine-\\d+-\\d+\\.zip")) {
            bad = "the engine file's name";
        } else if (s.files() == null || s.files().values().stream().anyMatch(v -> v == null || v < 0)
                || !s.files().keySet().stream().allMatch(RunDirectory.TABLES::contains)) {
            bad = "the table lengths";
        } else if (snap == null || snap.step() < 0 || snap.done() < 0 || snap.cycles() < 0 || snap.phases() < 0
                || snap.iterations() < 0 || snap.masks() == null || snap.records() == null || snap.frozen() == null
                || snap.failedExpectations() == null) {
            bad = "the interpreter's position and counters";
        } else if (snap.speed() != null && !measurable(snap.speed())) {
            bad = "the training speed";
        } else if (!s.engine().equals("engine-" + snap.step() + "-" + snap.done() + ".zip")) {
            bad = "the engine file's name, which does not match the position";
        }
        if (bad != null) {
            IOException e = mismatch(state, "it holds impossible values (" + bad + ")");
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Counts and seconds are never negative (and NaN is not a measurement). */
    private static boolean measurable(Snapshot.Speed v) {
        return v.denseIterations() >= 0 && v.retrainIterations() >= 0 && v.denseSeconds() >= 0
                && v.retrainSeconds() >= 0;
    }

    private static void verify(Path runDir, String name, long length, Map<String, String> sums) throws IOException {
        Path file = runDir.resolve(name);
        String expected = sums.get(name);
        if (expected == null) {
            throw mismatch(file, "the checkpoint has no checksum for it");
        }
        if (length == 0) {
            return;
        }
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw mismatch(file, "it is missing");
        }
        if (length != Long.MAX_VALUE && Files.size(file) < length) {
            throw mismatch(file, "it is shorter than when the checkpoint was written");
        }
        if (!expected.equals(Digests.sha256(file, length))) {
            throw mismatch(file, "it changed since the checkpoint was written");
        }
    }

    private static java.io.IOException mismatch(Path file, String why) {
        return new CheckpointMismatch(file + " does not match the checkpoint: " + why + "; resuming would mix the "
                + "numbers of two different runs, so nothing was resumed");
    }

    /** A checkpoint that does not prove itself; the message is the whole sentence. */
    static final class CheckpointMismatch extends IOException {
        private static final long serialVersionUID = 1L;

        CheckpointMismatch(String message) {
            super(message);
        }
    }
}

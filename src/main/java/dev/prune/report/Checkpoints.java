package dev.prune.report;

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
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** What {@code state.json} holds. */
    public record Stored(String engine, Map<String, Long> files, String written, Snapshot snapshot) {}

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
            Files.createDirectories(folder);
            engine.saveState(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Stored stored = new Stored(name, run.lengths(), Instant.now().toString(), snapshot);
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

    public static Loaded load(Path runDir) {
        Path state = runDir.resolve(FOLDER).resolve(STATE);
        try {
            Stored stored = JSON.readValue(state.toFile(), Stored.class);
            Path engine = state.resolveSibling(stored.engine());
            if (!Files.isRegularFile(engine)) {
                throw new NoSuchFileException(engine.toString());
            }
            return new Loaded(stored.snapshot(), engine, stored.files());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + state + ": " + RunDirectory.reason(e), e);
        }
    }
}

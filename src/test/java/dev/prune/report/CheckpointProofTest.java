package dev.prune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint proves itself: every edit of it or of a file it relies on is refused, naming the file. */
class CheckpointProofTest {
    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void interruptedRun() {
        dir = tmp.resolve("run");
        assertThrows(IllegalStateException.class, () -> RecordsTest.run(dir, s -> RecordsTest.crashingAfter(s, 1)));
        Checkpoints.load(dir);
    }

    private void refused(Path file, String why) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Checkpoints.load(dir));
        assertEquals(file + " does not match the checkpoint: " + why + "; resuming would mix the numbers of two "
                + "different runs, so nothing was resumed", e.getMessage());
    }

    private Path state() {
        return dir.resolve(Checkpoints.FOLDER).resolve(Checkpoints.STATE);
    }

    private void editState(String from, String to) throws IOException {
        String text = Files.readString(state());
        assertEquals(true, text.contains(from), text);
        Files.writeString(state(), text.replaceFirst(java.util.regex.Pattern.quote(from), to));
    }

    @Test
    void doneEditedToANegativeNumber() throws IOException {
        editState("\"done\":1", "\"done\":-5");
        refused(state(), "it was edited after it was written");
    }

    @Test
    void doneEditedToALaterCycle() throws IOException {
        editState("\"done\":1", "\"done\":2");
        refused(state(), "it was edited after it was written");
    }

    @Test
    void aChangedSeed() throws IOException {
        editState("\"seed\":3", "\"seed\":4");
        refused(state(), "it was edited after it was written");
    }

    @Test
    void masksRemoved() throws IOException {
        String text = Files.readString(state());
        Files.writeString(state(), text.replaceFirst("\"masks\":\\[[^\\]]*\\]", "\"masks\":null"));
        refused(state(), "it was edited after it was written");
    }

    @Test
    void aDeletedTable() throws IOException {
        Files.delete(dir.resolve("cycles.csv"));
        refused(dir.resolve("cycles.csv"), "it is missing");
    }

    @Test
    void aRowChangedBeforeTheCheckpoint() throws IOException {
        String text = Files.readString(dir.resolve("epochs.csv"));
        Files.writeString(dir.resolve("epochs.csv"), text.replaceFirst("train,", "tran,"));
        refused(dir.resolve("epochs.csv"), "it changed since the checkpoint was written");
    }

    @Test
    void aTableCutShort() throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve("cycles.csv"));
        Files.write(dir.resolve("cycles.csv"), java.util.Arrays.copyOf(bytes, 10));
        refused(dir.resolve("cycles.csv"), "it is shorter than when the checkpoint was written");
    }

    @Test
    void rowsAfterTheCheckpointAreNoMismatch() throws IOException {
        Files.writeString(dir.resolve("cycles.csv"), "a row of the interrupted cycle\n",
                java.nio.file.StandardOpenOption.APPEND);
        Checkpoints.load(dir);
    }

    @Test
    void aFlippedByteInTheEngineFile() throws IOException {
        Path engine;
        try (Stream<Path> files = Files.list(dir.resolve(Checkpoints.FOLDER))) {
            engine = files.filter(p -> p.getFileName().toString().startsWith("engine-")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(engine);
        bytes[bytes.length / 2] ^= 1;
        Files.write(engine, bytes);
        refused(dir.resolve(Checkpoints.FOLDER + "/" + engine.getFileName()),
                "it changed since the checkpoint was written");
    }

    @Test
    void anEditedRecipe() throws IOException {
        Files.writeString(dir.resolve("recipe.prune"), Files.readString(dir.resolve("recipe.prune"))
                .replace("by 20%", "by 50%"));
        refused(dir.resolve("recipe.prune"), "it changed since the checkpoint was written");
    }

    @Test
    void theTrainingSpeedTravelsWithTheCheckpoint() {
        var speed = Checkpoints.load(dir).snapshot().speed();
        assertEquals(true, speed != null && speed.denseIterations() > 0, String.valueOf(speed));
    }

    @Test
    void aNegativeSpeedIsRefusedEvenWhenSigned() throws IOException {
        String text = Files.readString(state()).replaceFirst("\"denseIterations\":\\d+", "\"denseIterations\":-1");
        resign(text);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Checkpoints.load(dir));
        assertEquals(state() + " does not match the checkpoint: it holds impossible values (the training speed); "
                + "resuming would mix the numbers of two different runs, so nothing was resumed", e.getMessage());
    }

    /** Re-signed edits pass the checksum; the fields themselves are validated before anything is trusted. */
    @Test
    void aNegativeCycleCountIsRefusedEvenWhenSigned() throws IOException {
        resign(Files.readString(state()).replaceFirst("\"done\":1", "\"done\":-5"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Checkpoints.load(dir));
        assertEquals(state() + " does not match the checkpoint: it holds impossible values (the interpreter's "
                + "position and counters); resuming would mix the numbers of two different runs, so nothing was "
                + "resumed", e.getMessage());
    }

    @Test
    void aLaterCycleThanTheEngineFileHoldsIsRefusedEvenWhenSigned() throws IOException {
        resign(Files.readString(state()).replaceFirst("\"done\":1", "\"done\":2"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Checkpoints.load(dir));
        assertEquals(state() + " does not match the checkpoint: it holds impossible values (the engine file's name, "
                + "which does not match the position); resuming would mix the numbers of two different runs, so "
                + "nothing was resumed", e.getMessage());
    }

    /** A checkpoint written before the speed was kept has no "speed" field; it still proves itself and loads. */
    @Test
    void aCheckpointWithoutTheSpeedStillLoads() throws IOException {
        String text = Files.readString(state());
        String older = text.replaceFirst(",\"speed\":\\{[^}]*\\}", "");
        assertEquals(false, older.equals(text), text);
        resign(older);
        assertEquals(null, Checkpoints.load(dir).snapshot().speed());
    }

    /** Signs an edited state.json as Prune would have: the SHA-256 of its text with "check" null. */
    private void resign(String text) throws IOException {
        String unsigned = text.replaceFirst("\"check\":\"[0-9a-f]+\"", "\"check\":null");
        String check = "\"check\":\"" + Manifest.sha256(unsigned) + "\"";
        Files.writeString(state(), unsigned.replace("\"check\":null", check));
    }
}

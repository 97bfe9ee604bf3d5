package dev.prune.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    private static final NetworkSpec SPEC = NetworkSpec.sequential("mlp", 1, 28, 28, List.of(
            LayerSpec.dense("fc1", 784, 20, "relu"), LayerSpec.output("out", 20, 10)));

    private Path zipWith(String entry) throws IOException {
        Path zip = dir.resolve("m.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry(entry));
            out.write("{}".getBytes());
            out.closeEntry();
        }
        return zip;
    }

    @Test
    void theSpecRoundTripsThroughTheZip() throws Exception {
        Path zip = zipWith("configuration.json");
        ModelFile.writeSpec(zip, SPEC);
        assertEquals(SPEC, ModelFile.readSpec(zip));
    }

    @Test
    void aZipWithoutTheSpecIsNotAPruneModel() throws IOException {
        Path zip = zipWith("configuration.json");
        ModelFile.Unreadable e = assertThrows(ModelFile.Unreadable.class, () -> ModelFile.readSpec(zip));
        assertTrue(e.getMessage().contains("is not a model saved by prune"), e.getMessage());
        assertTrue(e.getMessage().contains(zip.toString()), e.getMessage());
    }

    @Test
    void aFileThatIsNoZipSaysSo() throws IOException {
        Path text = dir.resolve("recipe.zip");
        Files.writeString(text, "model lenet_300_100\n");
        ModelFile.Unreadable e = assertThrows(ModelFile.Unreadable.class, () -> ModelFile.readSpec(text));
        assertTrue(e.getMessage().startsWith(text + " is not a model file prune can read"), e.getMessage());
    }
}

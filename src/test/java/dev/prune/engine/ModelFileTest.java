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
        assertEquals(SPEC, ModelFile.read(zip).saved());
        assertEquals(SPEC, ModelFile.read(zip).network(1, 28, 28));
    }

    @Test
    void aConfigurationOfNoKnownFormIsRefusedNamingTheFile() throws IOException {
        Path zip = zipWith("configuration.json");
        ModelFile.Unreadable e = assertThrows(ModelFile.Unreadable.class, () -> ModelFile.read(zip));
        assertEquals("prune cannot run the network in " + zip + ": its configuration.json is neither a "
                + "MultiLayerNetwork's nor a ComputationGraph's", e.getMessage());
    }

    @Test
    void aZipWithoutConfigurationIsNotAModel() throws IOException {
        Path zip = zipWith("notes.txt");
        ModelFile.Unreadable e = assertThrows(ModelFile.Unreadable.class, () -> ModelFile.read(zip));
        assertEquals(zip + " is not a DL4J model file: it has no configuration.json; give a zip written by "
                + "ModelSerializer or by 'save'", e.getMessage());
    }

    @Test
    void aDirectoryIsNotAModel() {
        ModelFile.Unreadable e = assertThrows(ModelFile.Unreadable.class, () -> ModelFile.read(dir));
        assertEquals("cannot read model file " + dir + ": it is not a regular file but a directory; give a DL4J "
                + "model zip", e.getMessage());
    }

    @Test
    void aTruncatedZipSaysSo() throws IOException {
        Path zip = zipWith("configuration.json");
        byte[] whole = Files.readAllBytes(zip);
        Files.write(zip, java.util.Arrays.copyOf(whole, whole.length / 2));
        ModelFile.Unreadable e = assertThrows(ModelFile.Unreadable.class, () -> ModelFile.read(zip));
        assertEquals(zip + " is not a model file prune can read (not a whole zip file); give a zip written by "
                + "ModelSerializer or by 'save'", e.getMessage());
    }

    @Test
    void aFileThatIsNoZipSaysSo() throws IOException {
        Path text = dir.resolve("recipe.zip");
        Files.writeString(text, "model lenet_300_100\n");
        ModelFile.Unreadable e = assertThrows(ModelFile.Unreadable.class, () -> ModelFile.read(text));
        assertTrue(e.getMessage().startsWith(text + " is not a model file prune can read"), e.getMessage());
    }
}

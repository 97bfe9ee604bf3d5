package dev.prune.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The network description inside a model file, read without starting the engine, so that
 * {@code model "file.zip"} knows the model's nodes and checks selectors against them. {@code save}
 * writes the engine's model zip and then Prune's graph as an entry of its own; a zip that DL4J's
 * {@code ModelSerializer} wrote from the user's code has only DL4J's {@code configuration.json},
 * which {@link ImportedModel} turns into the graph.
 */
public final class ModelFile {
    public static final String SPEC_ENTRY = "prune-network.json";
    /** DL4J's entries: the network's configuration as JSON and its parameters. */
    public static final String CONFIGURATION_ENTRY = "configuration.json";
    public static final String COEFFICIENTS_ENTRY = "coefficients.bin";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {}

    /** A model file that cannot be used; the message is one sentence naming the path. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    public static void writeSpec(Path zip, NetworkSpec spec) throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toAbsolutePath().toUri()), Map.of())) {
            Files.writeString(fs.getPath(SPEC_ENTRY), JSON.writeValueAsString(spec), StandardCharsets.UTF_8);
        }
    }

    /** Relative to the working directory when under it: what the user would type. */
    private static String shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        String relative = path.startsWith(here) ? here.relativize(path).toString() : path.toString();
        return relative.isEmpty() ? "." : relative;
    }

    /**
     * What a model file holds: the graph Prune saved with it, or the configuration of a network
     * the user's own DL4J code saved. Either gives the graph for data of a shape.
     */
    public record Contents(NetworkSpec saved, ImportedModel imported) {
        /** The graph on data of this shape (a saved graph is fixed; the caller checks it fits). */
        public NetworkSpec network(int channels, int height, int width) {
            return saved != null ? saved : imported.network(channels, height, width);
        }

        /** The layers Prune runs as saved and never prunes, as "name (DL4J class)". */
        public java.util.List<String> kept() {
            return saved != null ? saved.kept().stream().map(n -> n.name() + " (" + n.keptType() + ")").toList()
                    : imported.kept();
        }

        /** True when the file holds a MultiLayerNetwork rather than a ComputationGraph. */
        public boolean layerList() {
            return imported != null && imported.layerList();
        }
    }

    /** Reads the graph from a model file without starting the engine. */
    public static Contents read(Path zip) throws Unreadable {
        String shown = shown(zip);
        if (!Files.exists(zip)) {
            throw new Unreadable("cannot read model file " + shown + ": no such file");
        }
        if (!Files.isRegularFile(zip)) {
            // a FIFO or device would block or never end; a folder is not a model
            throw new Unreadable("cannot read model file " + shown + ": it is not a regular file but "
                    + (Files.isDirectory(zip) ? "a directory" : "a special file") + "; give a DL4J model zip");
        }
        try (FileSystem fs = FileSystems.newFileSystem(zip, (ClassLoader) null)) {
            Path spec = fs.getPath(SPEC_ENTRY);
            if (Files.exists(spec)) {
                return new Contents(JSON.readValue(Files.readString(spec, StandardCharsets.UTF_8), NetworkSpec.class),
                        null);
            }
            Path configuration = fs.getPath(CONFIGURATION_ENTRY);
            if (!Files.exists(configuration)) {
                throw new Unreadable(shown + " is not a DL4J model file: it has no " + CONFIGURATION_ENTRY
                        + "; give a zip written by ModelSerializer or by 'save'");
            }
            ImportedModel imported = ImportedModel.parse(shown,
                    JSON.readTree(Files.readString(configuration, StandardCharsets.UTF_8)));
            if (!Files.exists(fs.getPath(COEFFICIENTS_ENTRY))) {
                throw new Unreadable(shown + " holds no weights (no " + COEFFICIENTS_ENTRY + "); give a zip written by "
                        + "ModelSerializer or by 'save'");
            }
            return new Contents(null, imported);
        } catch (ImportedModel.Refused e) {
            throw new Unreadable("prune cannot run the network in " + shown + ": " + e.getMessage());
        } catch (java.util.zip.ZipException | java.nio.file.ProviderNotFoundException e) {
            throw new Unreadable(shown + " is not a model file prune can read (not a whole zip file); give a zip "
                    + "written by ModelSerializer or by 'save'");
        } catch (IOException | RuntimeException e) {
            throw new Unreadable(shown + " is not a model file prune can read (" + e.getClass().getSimpleName()
                    + "); give a zip written by ModelSerializer or by 'save'");
        }
    }
}

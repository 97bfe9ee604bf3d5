package dev.prune.engine;

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
 * The network description inside a saved model file. {@code save} writes the engine's model zip
 * and then this entry, so that {@code model "file.zip"} knows the model's layers — and checks
 * selectors against them — without starting the engine.
 */
public final class ModelFile {
    public static final String SPEC_ENTRY = "prune-network.json";
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
        return path.startsWith(here) ? here.relativize(path).toString() : path.toString();
    }

    public static NetworkSpec readSpec(Path zip) throws Unreadable {
        if (!Files.exists(zip)) {
            throw new Unreadable("cannot read model file " + shown(zip) + ": no such file; give a file written by 'save'");
        }
        if (!Files.isRegularFile(zip)) {
            // a FIFO or device would block or never end; a folder is not a model
            throw new Unreadable("cannot read model file " + shown(zip) + ": it is not a regular file; give a file "
                    + "written by 'save'");
        }
        try (FileSystem fs = FileSystems.newFileSystem(zip, (ClassLoader) null)) {
            return JSON.readValue(Files.readString(fs.getPath(SPEC_ENTRY), StandardCharsets.UTF_8), NetworkSpec.class);
        } catch (NoSuchFileException e) {
            throw new Unreadable(shown(zip) + " is not a model saved by prune (it has no " + SPEC_ENTRY
                    + "); use a file written by 'save \"name.zip\"'");
        } catch (IOException | RuntimeException e) {
            throw new Unreadable(shown(zip) + " is not a model file prune can read (" + e.getClass().getSimpleName()
                    + "); use a file written by 'save \"name.zip\"'");
        }
    }
}

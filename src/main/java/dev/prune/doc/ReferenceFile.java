package dev.prune.doc;

import dev.prune.builtins.Registry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code docs/reference.md} from the registry; the build runs it after compiling (see the
 * pom), so the committed file always matches the code. It writes only when the text changed.
 */
public final class ReferenceFile {
    private ReferenceFile() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "docs/reference.md");
        String text = Reference.markdown(Registry.standard());
        if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            System.out.println("wrote " + file);
        }
    }
}

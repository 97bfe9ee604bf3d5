package dev.prune.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.testing.FakeEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transcript tests: {@code repl/<name>.session} is typed into the REPL (on the fake engine) and
 * the screen is compared with {@code <name>.out}; {@code -Dgolden.update=true} rewrites the
 * expectations for review. Files under {@code repl/files} are in the session's working directory.
 */
class TranscriptTest {
    static final Path ROOT = Path.of("src/test/resources/repl");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> transcripts() throws IOException {
        List<Path> sessions;
        try (Stream<Path> s = Files.list(ROOT)) {
            sessions = s.filter(p -> p.toString().endsWith(".session")).sorted().toList();
        }
        return sessions.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), file.toUri(),
                () -> compare(file)));
    }

    private void compare(Path file) throws IOException {
        Path dir = Files.createTempDirectory(work, file.getFileName().toString());
        try (Stream<Path> inputs = Files.list(ROOT.resolve("files"))) {
            for (Path p : inputs.toList()) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        List<String> engineLog = new ArrayList<>();
        String actual = new Transcript(dir, () -> new FakeEngine(engineLog)).play(Files.readString(file));
        Path expected = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.session$", ".out"));
        if (UPDATE || !Files.exists(expected)) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            if (!UPDATE) {
                throw new AssertionError("no expectation for " + file + "; wrote " + expected + ", review it");
            }
            return;
        }
        assertEquals(Files.readString(expected), actual, "transcript of " + file + " differs from " + expected
                + " (-Dgolden.update=true rewrites)");
    }
}

package dev.prune.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests: each {@code golden/<stage>/<name>.prune} runs through that stage and its output is
 * compared with {@code <name>.out} beside it. {@code -Dgolden.update=true} rewrites the
 * expectations instead; review the diff before committing.
 */
class GoldenTest {
    static final Path ROOT = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicNode> golden() throws IOException {
        return Stream.of("parse", "check", "errors", "eval", "plan").map(stage -> {
            try {
                return DynamicContainer.dynamicContainer(stage, cases(stage));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private Stream<DynamicTest> cases(String stage) throws IOException {
        Path dir = ROOT.resolve(stage);
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".prune")).sorted().toList();
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), file.toUri(),
                () -> compare(stage, file)));
    }

    private static void compare(String stage, Path file) throws IOException {
        String actual = Stages.run(stage, file);
        Path expectedFile = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.prune$", ".out"));
        if (UPDATE || !Files.exists(expectedFile)) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            if (!UPDATE) {
                throw new AssertionError("no expectation for " + file + "; wrote " + expectedFile + ", review it");
            }
            return;
        }
        assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual,
                "output of " + file + " differs from " + expectedFile + " (-Dgolden.update=true rewrites)");
    }
}

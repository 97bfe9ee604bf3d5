package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prune plan} and {@code prune check} work in a JVM whose class path has no DL4J, ND4J or
 * JavaCPP at all: had they touched the engine, loading a class would fail. (The layering rule says
 * the same from the byte code; this shows it in a real run.)
 */
class PlanWithoutNd4jTest {
    @TempDir
    Path dir;

    @Test
    void planAndCheckRunWithTheEngineLibrariesAbsent() throws Exception {
        // surefire runs tests from a manifest-only jar and gives the real path in its own property
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> kept = Arrays.stream(full.split(File.pathSeparator))
                .filter(p -> !p.matches(".*(deeplearning4j|nd4j|javacpp|openblas).*")).toList();
        assertTrue(kept.size() < full.split(File.pathSeparator).length, "the engine libraries were on the path");
        Path png = dir.resolve("lr.png");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", String.join(File.pathSeparator, kept),
                "dev.prune.cli.Main", "plan", "examples/card.prune", "--plot", png.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "plan finished");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("plan of card.prune: lenet_300_100"), output);
        assertFalse(output.contains("NoClassDefFoundError") || output.contains("Exception"), output);
        assertTrue(Files.size(png) > 1000, "the plot was written");

        Process check = new ProcessBuilder(java.toString(), "-cp", String.join(File.pathSeparator, kept),
                "dev.prune.cli.Main", "check", "examples/card.prune").redirectErrorStream(true).start();
        assertTrue(check.waitFor(120, TimeUnit.SECONDS));
        String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.exitValue(), checked);
        assertEquals("examples/card.prune: ok", checked.lines().collect(Collectors.joining("\n")));
    }
}

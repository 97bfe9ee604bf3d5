package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every stdlib module passes {@code prune check} on its own, after the stand-ins its 'requires' asks for. */
class StdlibCheckTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyStdlibFileChecksAlone() throws IOException {
        List<Path> modules;
        try (Stream<Path> files = Files.list(Path.of("stdlib"))) {
            modules = files.filter(f -> f.toString().endsWith(".prune")).sorted().toList();
        }
        assertTrue(modules.size() >= 20, "the stdlib is where it should be: " + modules);
        return modules.stream().map(module -> DynamicTest.dynamicTest(module.getFileName().toString(), () -> {
            CliTest.Result r = CliTest.prune("check", module.toString());
            assertEquals(Main.OK, r.code(), module + ":\n" + r.err());
            assertTrue(r.out().contains(module + ": ok (a module, checked after stand-ins"), r.out());
            assertFalse(r.err().contains("warning"), r.err());
        }));
    }

    @Test
    void aModuleImportedWithoutWhatItRequiresSaysSoOnceAtItsRequires() throws IOException {
        Path recipe = dir.resolve("early.prune");
        Files.writeString(recipe, "lr 0.1\nimport \"lth\"\nrun 2 cycles\n");
        CliTest.Result r = CliTest.prune("check", recipe.toString());
        assertEquals(Main.RECIPE_ERROR, r.code(), r.err());
        assertTrue(r.err().contains("error: lth.prune requires a model before it; add 'model ...' before importing it"),
                r.err());
        assertTrue(r.err().contains("error: lth.prune requires data before it"), r.err());
        assertFalse(r.err().contains("needs a model"), "no cascade from the module's statements: " + r.err());
        assertEquals(2, r.err().lines().filter(l -> l.contains("error:")).count(), r.err());
    }

    @Test
    void aModuleImportedBeforeTheDenseTrainingIsAWarning() throws IOException {
        Path recipe = dir.resolve("untrained.prune");
        Files.writeString(recipe, "model lenet_300_100\ndata shapes()\nlr 0.1\nimport \"lth\"\nrun 1 cycle\n");
        CliTest.Result r = CliTest.prune("check", recipe.toString());
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.err().contains("warning: lth.prune expects a dense training before it"), r.err());
        assertTrue(r.out().contains("untrained.prune: ok\n") || r.out().contains("untrained.prune: ok" + System.lineSeparator()),
                "a recipe is no module: " + r.out());
    }

    @Test
    void aRecipeWithoutAModelIsStillAnError() throws IOException {
        Path recipe = dir.resolve("nomodel.prune");
        Files.writeString(recipe, "data shapes()\nlr 0.1\ntrain 1 epoch\n");
        CliTest.Result r = CliTest.prune("check", recipe.toString());
        assertEquals(Main.RECIPE_ERROR, r.code(), r.err());
        assertTrue(r.err().contains("train needs a model"), r.err());
    }
}

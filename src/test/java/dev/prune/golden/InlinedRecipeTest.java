package dev.prune.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.check.Step;
import dev.prune.front.FrontEnd;
import dev.prune.parser.RecipeLoader;
import dev.prune.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recipe a run directory records holds its imports, so it checks to the same steps with no file beside it. */
class InlinedRecipeTest {
    @TempDir
    Path dir;

    private static List<String> steps(SourceFile source, Path directory) {
        return FrontEnd.standard().importsFrom(directory).check(source).requireSteps().stream()
                .map(StepText::of).toList();
    }

    @Test
    void importsNestedAndFromTheStdlibAreInlined() throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/pol.prune"), "import \"inner\"\nretrain 1 epoch\n");
        Files.writeString(dir.resolve("lib/inner.prune"), "prune l1 by 50% every cycle\n");
        Path main = Files.writeString(dir.resolve("main.prune"), "model mlp(784, 16, 10)\ndata shapes()\nlr 0.1\n"
                + "train 1 epoch\nimport \"lib/pol\"; run 2 cycles\n");
        SourceFile source = SourceFile.read(main);
        String inlined = RecipeLoader.inlined(source, dir);
        assertFalse(inlined.lines().anyMatch(l -> l.startsWith("import")), inlined);
        assertTrue(inlined.contains("# import \"lib/pol\": " + dir.resolve("lib/pol.prune")), inlined);
        assertTrue(inlined.contains("prune l1 by 50% every cycle"), inlined);

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        assertEquals(steps(source, dir), steps(new SourceFile("recorded.prune", inlined), elsewhere));

        Files.writeString(dir.resolve("lib/inner.prune"), "prune l1 by 20% every cycle\n");
        assertEquals(inlined.replace("50%", "20%"), RecipeLoader.inlined(source, dir),
                "an edited import changes what a new run records, never what an old one did");
    }
}

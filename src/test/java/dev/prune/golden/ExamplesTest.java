package dev.prune.golden;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.Registry;
import dev.prune.check.Checker;
import dev.prune.parser.RecipeLoader;
import dev.prune.source.Diagnostics;
import dev.prune.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** No example or stdlib recipe can rot: each is checked as a user would check it. */
class ExamplesTest {

    /**
     * A stdlib recipe is a fragment: it is checked where a user would import it. Most set a policy
     * for the cycles after dense training; those that prune at initialization come before any
     * training, and those for conv layers need a model that has some.
     */
    /** The data holds a validation split for the recipes that stop early on it. */
    private static final String HARNESS = "seed 1\nmodel %s\ndata shapes(val=500)\nlr 0.1\n"
            + "train 1 epoch\nimport \"%s\"\nrun 2 cycles\n";
    private static final String INIT_HARNESS = "seed 1\nmodel %s\ndata shapes(val=500)\nlr 0.1\n"
            + "import \"%s\"\ntrain 1 epoch\nevaluate\n";

    /** Recipes of actions on a pruned network (scratch) are imported after pruning instead. */
    private static final Map<String, String> HARNESSES = Map.of("scratch", "seed 1\nmodel lenet_300_100\n"
            + "data shapes()\nlr 0.1\ntrain 1 epoch\nprune l1 to 50%%\nimport \"%s\"\n");

    @TestFactory
    Stream<DynamicTest> examplesCheck() throws IOException {
        return files(Path.of("examples")).stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            Diagnostics d = check(SourceFile.read(file), file.getParent());
            assertFalse(d.hasErrors(), d.render());
        }));
    }

    @TestFactory
    Stream<DynamicTest> stdlibChecksWhereImported() throws IOException {
        return files(Path.of("stdlib")).stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            String name = file.getFileName().toString().replaceFirst("\\.prune$", "");
            String text = RecipeLoader.stdlib(name);
            assertTrue(text != null, name + " is not on the classpath");
            String model = text.contains("prune filters") ? "lenet5" : "lenet_300_100";
            String harness = text.contains(" at init") ? INIT_HARNESS : HARNESS;
            String filled = HARNESSES.containsKey(name) ? String.format(HARNESSES.get(name), name)
                    : String.format(harness, model, name);
            Diagnostics d = check(new SourceFile("harness.prune", filled), null);
            assertFalse(d.hasErrors(), d.render());
        }));
    }

    /**
     * Every stdlib recipe checks on ResNet-20 too, except those that remove whole units or run
     * SynFlow's chain-only pass, which the checker refuses on a residual network with an error
     * (neurons finds no dense hidden layer there before it gets that far).
     */
    @TestFactory
    Stream<DynamicTest> stdlibChecksOnAResnet() throws IOException {
        java.util.Set<String> refused = java.util.Set.of("filters", "dropnet", "apoz", "synflow");
        return files(Path.of("stdlib")).stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            String name = file.getFileName().toString().replaceFirst("\\.prune$", "");
            String text = RecipeLoader.stdlib(name);
            String harness = text.contains(" at init") ? INIT_HARNESS : HARNESS;
            String filled = HARNESSES.containsKey(name)
                    ? String.format(HARNESSES.get(name), name).replace("lenet_300_100", "resnet(depth=20)")
                    : String.format(harness, "resnet(depth=20)", name);
            Diagnostics d = check(new SourceFile("harness.prune", filled), null);
            if (name.equals("neurons")) {
                assertTrue(d.hasErrors(), d.render());
            } else if (refused.contains(name)) {
                assertTrue(d.hasErrors() && d.render().contains("yet"), name + ": " + d.render());
            } else {
                assertFalse(d.hasErrors(), d.render());
            }
        }));
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".prune")).sorted().toList();
        }
    }

    private static Diagnostics check(SourceFile source, Path dir) {
        Diagnostics d = new Diagnostics();
        RecipeLoader.Loaded loaded = RecipeLoader.load(source, dir);
        d.addAll(loaded.diagnostics());
        new Checker(Registry.standard(), d).check(loaded.statements());
        return d;
    }
}

package dev.prune.golden;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.data.CifarFiles;
import dev.prune.front.FrontEnd;
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
import org.junit.jupiter.api.io.TempDir;

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
            + "data shapes()\nlr 0.1\ntrain 1 epoch\nprune l1 to 50%%\nimport \"%s\"\n",
            // A projection policy for the trainings after it, as a penalty is.
            "lrpet", "seed 1\nmodel lenet_300_100\ndata shapes()\nlr 0.1\nimport \"%s\"\ntrain 1 epoch\nevaluate\n",
            // SCL learns its masks in a training of its own: nothing to run cycles of after it.
            "scl", "seed 1\nmodel lenet_300_100\ndata shapes()\nlr 0.1\nimport \"%s\"\nevaluate\n");

    /** Stdlib recipes for dense hidden layers, which a ResNet does not have: an error at their statement. */
    private static final java.util.Set<String> DENSE_ONLY = java.util.Set.of("neurons");

    /** Examples for data this machine does not have: the directory their data line names. */
    private static final Map<String, String> CIFAR_EXAMPLES = Map.of("vgg_cifar10.prune", "data/cifar-10-batches-bin");

    @TempDir
    static Path generated;

    /**
     * Every example checks. One written for CIFAR-10 checks against CIFAR files the test writes,
     * in its own directory's place; without them its data line is the error.
     */
    @TestFactory
    Stream<DynamicTest> examplesCheck() throws IOException {
        return files(Path.of("examples")).stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            String cifar = CIFAR_EXAMPLES.get(file.getFileName().toString());
            SourceFile source = SourceFile.read(file);
            if (cifar != null) {
                String text = Files.readString(file);
                assertTrue(text.contains("\"" + cifar + "\""), file + " names " + cifar);
                if (!Files.isDirectory(Path.of(cifar))) {
                    Diagnostics missing = check(source, file.getParent());
                    assertTrue(missing.hasErrors() && missing.render().contains(cifar), missing.render());
                }
                Path dir = CifarFiles.cifar10(generated.resolve(file.getFileName().toString()), 10, 10);
                source = new SourceFile(file.toString(), text.replace("\"" + cifar + "\"", "\"" + dir + "\""));
            }
            Diagnostics d = check(source, file.getParent());
            assertFalse(d.hasErrors(), d.render());
        }));
    }

    @TestFactory
    Stream<DynamicTest> stdlibChecksWhereImported() throws IOException {
        return files(Path.of("stdlib")).stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            String name = file.getFileName().toString().replaceFirst("\\.prune$", "");
            String text = RecipeLoader.stdlib(name);
            assertTrue(text != null, name + " is not on the classpath");
            // Network slimming and early-bird tickets read batch norm scales: a network with batch norm.
            String model = text.contains("bn_scale") ? "vgg(depth=11, width=0.25)"
                    : text.contains("prune filters") ? "lenet5"
                    // GaP's paper default of 4 layer groups needs 4 layers; LeNet-300-100 has 3.
                    : text.contains("prune gap") ? "lenet5" : "lenet_300_100";
            String harness = text.contains(" at init") ? INIT_HARNESS : HARNESS;
            String filled = HARNESSES.containsKey(name) ? String.format(HARNESSES.get(name), name)
                    : String.format(harness, model, name);
            Diagnostics d = check(new SourceFile("harness.prune", filled), null);
            assertFalse(d.hasErrors(), d.render());
        }));
    }

    /**
     * Every stdlib recipe checks on ResNet-20 too, the structured ones pruning whole channel groups
     * and SynFlow following the whole graph, LRPET projecting the convs, i-SpaSP choosing the
     * channels of the convs inside the blocks, except neurons, which finds no dense hidden layer.
     */
    @TestFactory
    Stream<DynamicTest> stdlibChecksOnAResnet() throws IOException {
        return files(Path.of("stdlib")).stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            String name = file.getFileName().toString().replaceFirst("\\.prune$", "");
            String text = RecipeLoader.stdlib(name);
            String harness = text.contains(" at init") ? INIT_HARNESS : HARNESS;
            String filled = HARNESSES.containsKey(name)
                    ? String.format(HARNESSES.get(name), name).replace("lenet_300_100", "resnet(depth=20)")
                    : String.format(harness, "resnet(depth=20)", name);
            Diagnostics d = check(new SourceFile("harness.prune", filled), null);
            if (DENSE_ONLY.contains(name)) {
                assertTrue(d.hasErrors(), d.render());
            } else {
                assertFalse(d.hasErrors(), d.render());
            }
        }));
    }

    /**
     * The structured stdlib recipes followed by {@code compact} check on every graph family: ResNet
     * with either shortcut, VGG with and without batch norm, MobileNetV2. {@code neurons} finds no
     * dense hidden layer there, which is an error at its statement.
     */
    @TestFactory
    Stream<DynamicTest> structuredStdlibAndCompactCheckOnGraphModels() {
        List<String> models = List.of("resnet(depth=20)", "resnet(depth=20, shortcut=\"projection\")", "vgg(depth=11)",
                "vgg(depth=11, bn=false)", "mobilenet_v2");
        return models.stream().flatMap(model -> Stream.of("filters", "dropnet", "apoz", "neurons").map(name ->
                DynamicTest.dynamicTest(model + " " + name, () -> {
                    String filled = String.format(HARNESS, model, name) + "compact\n";
                    Diagnostics d = check(new SourceFile("harness.prune", filled), null);
                    if (name.equals("neurons")) {
                        assertTrue(d.render().matches("(?s).*\\S+\\.prune:\\d+:\\d+: error: .*"), d.render());
                    } else {
                        assertFalse(d.hasErrors(), d.render());
                    }
                })));
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".prune")).sorted().toList();
        }
    }

    private static Diagnostics check(SourceFile source, Path dir) {
        return FrontEnd.standard().importsFrom(dir).check(source).diagnostics();
    }
}

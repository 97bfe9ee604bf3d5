package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The structured stdlib recipes on ResNet-20, VGG-11 and MobileNetV2, one each, imported as a user
 * would, then {@code compact}, then more training on the smaller network (tiny data: one iteration
 * an epoch). Every pairing checks in ExamplesTest; CompactTest covers both ResNet shortcuts and VGG
 * without batch norm. VGG-11 and MobileNetV2 at a quarter of their channels keep the test short.
 */
@Tag("slow")
class StructuredCompactRunTest {
    @TempDir
    Path dir;

    private static final String RECIPE = """
            seed 2
            model %s
            data shapes(train=64, test=10, val=32, batch=32)
            optimizer sgd(momentum=0.9, weight_decay=0.0005)
            lr 0.05
            train 1 epoch
            import "%s"
            run 1 cycle
            compact
            train 1 epoch
            evaluate
            """;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = ';', value = {
        "resnet(depth=20); filters", "vgg(depth=11, width=0.25); dropnet", "mobilenet_v2(width=0.25); apoz"})
    void aStructuredRecipeThenCompactRunsAndTrainingGoesOn(String model, String recipe) throws IOException {
        Path file = dir.resolve("r.prune");
        Files.writeString(file, RECIPE.formatted(model, recipe));
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--out", out.toString(),
                "--set", recipe + "_rate=50%"));
        if (recipe.equals("dropnet")) {
            args.addAll(List.of("--set", "dropnet_epochs=1 epochs"));
        }
        CliTest.Result r = CliTest.prune(args.toArray(new String[0]));
        assertEquals(Main.OK, r.code(), r.out() + r.err());
        List<String> rows = Files.readAllLines(out.resolve("compact.csv"));
        assertEquals(2, rows.size(), String.join("\n", rows));
        List<String> header = List.of(rows.get(0).split(","));
        String[] row = rows.get(1).split(",");
        long before = Long.parseLong(row[header.indexOf("params_before")]);
        long after = Long.parseLong(row[header.indexOf("params_after")]);
        assertTrue(after < before * 0.6, model + " " + recipe + ": " + before + " -> " + after + " parameters");
        assertTrue(Long.parseLong(row[header.indexOf("flops_after")]) < Long.parseLong(row[header.indexOf("flops_before")]));
        assertTrue(Double.parseDouble(row[header.indexOf("max_difference")]) <= 1e-4, rows.get(1));
        assertTrue(r.out().contains("evaluate: accuracy"), r.out());
    }
}

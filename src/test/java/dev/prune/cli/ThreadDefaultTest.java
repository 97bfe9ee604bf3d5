package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadDefaultTest {
    @TempDir
    Path dir;

    private int threadsFor(String model) throws IOException {
        Path recipe = dir.resolve("r.prune");
        Files.writeString(recipe, "model " + model + "\ndata shapes(train=100, test=50)\nlr 0.1\ntrain 1 iteration\n");
        StringWriter err = new StringWriter();
        RecipeInput in = RecipeInput.read(recipe, Map.of(), new PrintWriter(err));
        assertTrue(in.ok(), err.toString());
        return ThreadDefault.of(in.checker.network());
    }

    @Test
    void smallNetworksTrainOnOneThreadLargeOnesOnTwo() throws IOException {
        assertEquals(1, threadsFor("lenet_300_100"), "0.27 M multiply-adds per example");
        assertEquals(1, threadsFor("lenet5"), "0.4 M");
        assertEquals(2, threadsFor("resnet(depth=20)"), "about 30 M on 28x28 images");
        assertEquals(2, threadsFor("vgg(depth=11)"));
    }

    @Test
    void aRecipeWithoutAModelNeedsNoSecondThread() {
        assertEquals(1, ThreadDefault.of(null));
    }
}

package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
    @TempDir
    Path dir;

    @Test
    void plansTheCardWithParamsFromTheCommandLine() throws IOException {
        Path recipe = dir.resolve("r.prune");
        Files.writeString(recipe, "param top = 0.1\nmodel lenet_300_100\ndata shapes(train=600)\nlr 0.05\n"
                + "train 1 epoch\nprune l1 by 20% every cycle; lr s_cyc(max=top, k=4)\nretrain 1 epoch\nrun 3 cycles\n");
        CliTest.Result r = CliTest.prune("plan", recipe.toString(), "--set", "top=0.2");
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().contains("cycle 3      48.80%"), r.out());
        assertTrue(r.out().contains("0.0909"), "the peak of cycle 3 with max 0.2: " + r.out());
        assertTrue(r.out().endsWith("in all: 40 training iterations (4.00 epochs)\n"), r.out());
    }

    @Test
    void aRecipeWithErrorsIsNotPlanned() throws IOException {
        Path recipe = dir.resolve("bad.prune");
        Files.writeString(recipe, "model lenet_300_100\ndata shapes()\nprune l1 by 20% every cycle\nrun 2 cycles\n"
                + "lr oracle()\ntrain 1 epoch\n");
        CliTest.Result r = CliTest.prune("plan", recipe.toString(), "--plot", dir.resolve("x.png").toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertTrue(r.err().contains("bad.prune:5:4: error: the oracle picks each phase's rate by validation "
                + "accuracy"), r.err());
        assertTrue(r.err().endsWith("1 error; nothing was planned\n"), r.err());
        assertTrue(!Files.exists(dir.resolve("x.png")));
    }
}

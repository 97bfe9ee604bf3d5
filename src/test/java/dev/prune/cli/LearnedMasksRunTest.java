package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run under {@code penalty scl} takes the masks its training learned as its own: epoch by epoch
 * in epochs.csv (per layer), and fixed once the penalty is off.
 */
@Tag("slow")
class LearnedMasksRunTest {
    @TempDir
    Path dir;

    @Test
    void theSparsityScLearnsIsTheRunsAndStaysFixedAfterThePenalty() throws IOException {
        Path recipe = dir.resolve("scl.prune");
        Files.writeString(recipe, "seed 1\nmodel lenet_300_100\ndata shapes(train=240, test=60, batch=30)\nlr 0.05\n"
                + "penalty scl(lambda=0.5, lr=0.02, init=0.1)\ntrain 3 epochs\npenalty none\ntrain 1 epoch\n");
        Path out = dir.resolve("out");
        CliTest.Result r = CliTest.prune("run", recipe.toString(), "--out", out.toString());
        assertEquals(Main.OK, r.code(), r.out() + r.err());
        List<String> lines = Files.readAllLines(out.resolve("epochs.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int sparsity = header.indexOf("sparsity");
        int fc1 = header.indexOf("sparsity_fc1");
        assertEquals(5, lines.size(), lines.toString());
        double[] s = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[sparsity])).toArray();
        // Learned while the penalty is on (not set by any prune statement), then held.
        assertTrue(s[2] > 0.1 && s[2] > s[0], Arrays.toString(s));
        assertEquals(s[2], s[3], 0);
        assertTrue(Double.parseDouble(lines.get(3).split(",")[fc1]) > 0, lines.get(3));
    }
}

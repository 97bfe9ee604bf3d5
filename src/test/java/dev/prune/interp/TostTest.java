package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.Registry;
import dev.prune.testing.FakeEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When ToST acts: rescaling once per training from an initialisation, ghosts and smoothing in every request. */
class TostTest {
    @TempDir
    Path dir;

    private List<String> run(String recipe) {
        List<String> log = new ArrayList<>();
        Interpreter interpreter = new Interpreter(() -> new FakeEngine(log), Registry.standard(),
                new Interpreter.Options(null, 1, dir), RunListener.all(List.of()), () -> false);
        interpreter.execute(ResumeTest.steps(recipe));
        return log;
    }

    private static List<String> lines(List<String> log, String start) {
        return log.stream().filter(l -> l.startsWith(start)).toList();
    }

    /** SNIP at 90% over one layer of 784 x 16 and one of 16 x 10: each kept share d gets 1/sqrt(d). */
    @Test
    void aMaskPrunedAtInitIsRescaledOnceBeforeItsTraining() {
        List<String> log = run("""
                seed 1
                model mlp(784, 16, 10)
                data shapes(train=600, test=100)
                lr 0.1
                penalty tost()
                prune global snip to 90% at init
                train 1 epoch
                train 1 epoch
                """);
        List<String> scaled = lines(log, "scaleWeights");
        assertEquals(1, scaled.size(), log.toString());
        int at = log.indexOf(scaled.get(0));
        assertTrue(log.get(at + 1).startsWith("train iterations=10 ") && log.get(at + 1).endsWith(" ghost=0.1 smoothing=0.1"),
                log.get(at + 1));
        String[] factors = scaled.get(0).split(" ");
        for (int l = 1; l < factors.length; l++) {
            assertTrue(Double.parseDouble(factors[l]) > 1, scaled.get(0));
        }
        // Global SNIP keeps 10% overall; 1/sqrt(0.1) = 3.162 lies between the two layers' factors or on both.
        double a = Double.parseDouble(factors[1]);
        double b = Double.parseDouble(factors[2]);
        assertTrue(Math.min(a, b) <= 3.1623 && Math.max(a, b) >= 3.1622, scaled.get(0));
        assertEquals(2, lines(log, "train ").size());
    }

    @Test
    void aLotteryTicketIsRescaledAfterEachRewindButNeverATrainedNetwork() {
        String recipe = """
                seed 1
                model mlp(784, 16, 10)
                data shapes(train=600, test=100)
                lr 0.1
                train 1 epoch
                prune global l1 by 50% every cycle
                REWIND
                retrain 1 epoch
                penalty PENALTY
                run 2 cycles
                """;
        List<String> lth = run(recipe.replace("REWIND", "rewind to init").replace("PENALTY", "tost()"));
        assertEquals(2, lines(lth, "scaleWeights").size(), lth.toString());
        for (String scaled : lines(lth, "scaleWeights")) {
            int at = lth.indexOf(scaled);
            assertTrue(lth.subList(0, at).lastIndexOf("rewind init") > lth.subList(0, at).lastIndexOf(
                    lines(lth.subList(0, at), "train ").get(lines(lth.subList(0, at), "train ").size() - 1)),
                    "rescaled after the rewind, before the retraining: " + lth);
            assertTrue(lth.get(at + 1).startsWith("train ") || lth.subList(at + 1, lth.size()).stream()
                    .filter(l -> l.startsWith("train ")).findFirst().orElseThrow().endsWith(" ghost=0.1 smoothing=0.1"),
                    lth.toString());
        }
        assertTrue(lines(lth, "train ").get(0).endsWith("frozen=[]"), "the dense training has no ghost: " + lth);

        assertEquals(List.of(), lines(run(recipe.replace("REWIND", "rewind none").replace("PENALTY", "tost()")),
                "scaleWeights"), "fine-tuning trained weights rescales nothing");
        List<String> off = run(recipe.replace("REWIND", "rewind to init")
                .replace("PENALTY", "tost(ghost=0%, rescale=false, label_smoothing=0%)"));
        assertEquals(List.of(), lines(off, "scaleWeights"));
        assertTrue(lines(off, "train ").stream().allMatch(l -> l.endsWith("frozen=[]")), off.toString());
    }
}

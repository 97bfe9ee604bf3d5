package dev.prune.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.Registry;
import dev.prune.parser.RecipeLoader;
import dev.prune.source.Diagnostics;
import dev.prune.source.SourceFile;
import org.junit.jupiter.api.Test;

/** Each limit the checker knows holds at its bound and refuses one step beyond it, with a positioned error. */
class LimitsTest {
    private static final String HEAD = "model mlp(784, 16, 10)\ndata shapes()\nlr 0.1\n";
    private static final String CYCLING = HEAD + "train 1 epoch\nprune l1 by 1% every cycle\n";

    /** The rendered errors of checking {@code recipe}, or "" when it checks. */
    static String errors(String recipe) {
        Diagnostics diagnostics = new Diagnostics();
        RecipeLoader.Loaded loaded = RecipeLoader.load(new SourceFile("l.prune", recipe), null);
        diagnostics.addAll(loaded.diagnostics());
        new Checker(Registry.standard(), diagnostics).check(loaded.statements());
        return diagnostics.hasErrors() ? diagnostics.render() : "";
    }

    private static void accepted(String recipe) {
        assertEquals("", errors(recipe), recipe);
    }

    private static void refused(String recipe, String message) {
        String errors = errors(recipe);
        assertTrue(errors.contains(message), recipe + "\n" + errors);
    }

    @Test
    void seedsAreWholeNumbersFromZeroToTwoToThe53() {
        accepted("seed 0\n" + HEAD);
        accepted("seed 9007199254740992\n" + HEAD);
        String message = "l.prune:1:6: error: seed takes a whole number from 0 to 2^53, got ";
        refused("seed -1\n" + HEAD, message + "-1");
        refused("seed 1.5\n" + HEAD, message + "1.5");
        refused("seed 1e16\n" + HEAD, message);
        refused("seed 3 epochs\n" + HEAD, message);
    }

    @Test
    void trainingLengthsStopAtTenThousandEpochsOrTenMillionIterations() {
        accepted(HEAD + "train 10000 epochs\n");
        accepted(HEAD + "train 0.5 epochs\n");
        accepted(HEAD + "train 10000000 iterations\n");
        refused(HEAD + "train 10001 epochs\n", "l.prune:4:7: error: train takes at most 10000 epochs, got 10001 epochs");
        refused(HEAD + "train 10000001 iterations\n",
                "l.prune:4:7: error: train takes at most 10000000 iterations, got 10000001 iterations");
        refused(HEAD + "train 0 epochs\n", "l.prune:4:7: error: train takes a positive length, got 0 epochs");
        refused(HEAD + "train 2.5 iterations\n", "l.prune:4:7: error: train takes a positive length, got 2.5 iterations");
    }

    @Test
    void runTakesOneToTenThousandWholeCycles() {
        accepted(CYCLING + "run 1 cycle\n");
        accepted(CYCLING + "run 10000 cycles\n");
        refused(CYCLING + "run 10001 cycles\n", "l.prune:6:5: error: run takes at most 10000 cycles, got 10001 cycles");
        refused(CYCLING + "run 0 cycles\n", "l.prune:6:5: error: run takes a whole number of cycles");
        refused(CYCLING + "run 1.5 cycles\n", "l.prune:6:5: error: run takes a whole number of cycles");
    }

    @Test
    void runUntilTakesAMaximumOfOneToTenThousandWholeCycles() {
        accepted(CYCLING + "run until accuracy < 1% max 1 cycle\n");
        accepted(CYCLING + "run until accuracy < 1% max 10000 cycles\n");
        String message = "l.prune:6:29: error: max takes a whole number of cycles up to 10000";
        refused(CYCLING + "run until accuracy < 1% max 10001 cycles\n", message);
        refused(CYCLING + "run until accuracy < 1% max 0 cycles\n", message);
        refused(CYCLING + "run until accuracy < 1% max 2.5 cycles\n", message);
    }
}

package dev.prune.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The amounts a prune statement takes: rates and targets strictly between 0% and 100%, a pace of whole cycles. */
class PruneAmountsTest {
    private static String errors(String prune) {
        return LimitsTest.errors("model mlp(784, 16, 10)\ndata shapes()\nlr 0.1\ntrain 1 epoch\n" + prune
                + "\nretrain 1 epoch\nrun 2 cycles\n");
    }

    @Test
    void ratesAndTargetsAtZeroOrAHundredPercentAreRefused() {
        String remaining = "; it is a share of the weights still remaining";
        assertTrue(errors("prune l1 by 0% every cycle").contains(
                "l.prune:5:13: error: prune rate must be between 0% and 100% (exclusive), got 0%" + remaining),
                errors("prune l1 by 0% every cycle"));
        assertTrue(errors("prune l1 by 100% every cycle").contains(
                "l.prune:5:13: error: prune rate must be between 0% and 100% (exclusive), got 100%" + remaining));
        assertTrue(errors("prune l1 to 100% over 2 cycles every cycle").contains(
                "l.prune:5:13: error: target sparsity must be between 0% and 100% (exclusive), got 100%\n"));
        assertTrue(errors("prune l1 to 0% over 2 cycles every cycle").contains("got 0%\n"));
        assertTrue(errors("prune l1 by 0% on hidden, 10% on output every cycle").contains(
                "l.prune:5:13: error: prune rate must be between 0% and 100% (exclusive), got 0%"));
        assertTrue(errors("prune l1 by 20% on hidden, 100% on output every cycle").contains(
                "error: prune rate must be between 0% and 100% (exclusive), got 100%"));
        assertEquals("", errors("prune l1 by 0.01% every cycle"));
        assertEquals("", errors("prune l1 by 99.99% on hidden, 10% on output every cycle"));
    }

    @Test
    void aPaceOfOneCycleIsWholeAndAllowed() {
        assertEquals("", errors("prune l1 to 50% over 1 cycle every cycle"));
        assertTrue(errors("prune l1 to 50% over 0 cycles every cycle").contains(
                "over takes a whole number of cycles, e.g. 'over 10 cycles', got 0 cycles"));
    }

    @Test
    void aBuiltinOfAnotherKindIsNoCriterion() {
        String errors = errors("prune cosine(lr=0.1) by 20% every cycle");
        assertTrue(errors.startsWith("l.prune:5:7: error: "), errors);
    }

    /** 'rewind none' is a step of its own: it ends the rewinding an earlier 'rewind to' set. */
    @Test
    void rewindNoneEndsRewinding() {
        java.util.List<Step> steps = dev.prune.front.FrontEnd.standard().check(new dev.prune.source.SourceFile("r.prune",
                "model mlp(784, 16, 10)\ndata shapes()\nlr 0.1\ntrain 1 epoch\nprune l1 by 20% every cycle\n"
                        + "rewind to init\nretrain 1 epoch\nrun 1 cycle\nrewind none\nrun 1 cycle\n")).requireSteps();
        java.util.List<Step.SetRewind> rewinds = steps.stream().filter(s -> s instanceof Step.SetRewind)
                .map(s -> (Step.SetRewind) s).toList();
        assertEquals(2, rewinds.size(), steps.toString());
        assertEquals("init", rewinds.get(0).checkpoint());
        assertEquals(null, rewinds.get(1).checkpoint());
        assertEquals(9, rewinds.get(1).span().line());
    }

    /** Points of training to rewind to: at 0 and at the very end of the training before are fine, a constant works. */
    @Test
    void rewindPointsAtTheEndsAndThroughAConstant() {
        String head = "model mlp(784, 16, 10)\ndata shapes(train=600)\nlr 0.1\ntrain 1 epoch\n"
                + "prune l1 by 20% every cycle\n";
        String tail = "\nretrain 1 epoch\nrun 1 cycle\n";
        // 600 examples in batches of 60: 10 iterations trained before the cycles
        assertEquals("", LimitsTest.errors(head + "rewind to iteration 0" + tail));
        assertEquals("", LimitsTest.errors(head + "rewind to iteration 10" + tail));
        assertTrue(LimitsTest.errors(head + "rewind to iteration 11" + tail).contains("error: 'rewind to iteration "
                + "11' needs 11 iterations of training before the cycles, and the recipe trains at most 10 before "
                + "'run' on line 8"), LimitsTest.errors(head + "rewind to iteration 11" + tail));
        assertEquals("", LimitsTest.errors(head + "let k = 5 iterations\nrewind to k" + tail));
        assertEquals("", LimitsTest.errors(head + "let k = 1 epoch\nrewind to k" + tail));
        String plain = LimitsTest.errors(head + "let k = 3\nrewind to k" + tail);
        assertTrue(plain.contains("l.prune:7:11: error: rewind takes a checkpoint ('init', 'random', or a name from "
                + "'checkpoint NAME') or a point of training such as 'iteration 500' or 'epoch 2', got 3"), plain);
    }
}

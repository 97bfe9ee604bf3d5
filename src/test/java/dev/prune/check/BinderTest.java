package dev.prune.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Arguments bind to a builtin's parameters by position in the order the reference lists them, or by name. */
class BinderTest {
    private static final String HEAD = "model mlp(784, 16, 10)\n";
    private static final String TAIL = "lr 0.1\ntrain 1 epoch\n";

    @Test
    void severalPositionalArgumentsBindInOrder() {
        assertEquals("", LimitsTest.errors(HEAD + "data shapes(600, 100, 50)\n" + TAIL));
        // the second positional argument is shapes' second parameter, test, with its own range
        String second = LimitsTest.errors(HEAD + "data shapes(600, 5)\n" + TAIL);
        assertTrue(second.contains("l.prune:2:18: error: shapes's test must be in 10..1000000, got 5"), second);
        // the third is val: more held out than there is to train on
        String third = LimitsTest.errors(HEAD + "data shapes(600, 100, 700)\n" + TAIL);
        assertTrue(third.contains("l.prune:2:6: error: shapes(600, 100, 700) holds out more validation examples than "
                + "it has training examples"), third);
    }

    @Test
    void morePositionalArgumentsThanParametersAreRefusedAtTheFirstExtra() {
        String errors = LimitsTest.errors(HEAD + "data shapes(600, 100, 50, 60, 28, 1)\n" + TAIL);
        assertTrue(errors.contains("l.prune:2:35: error: shapes takes at most 5 arguments"), errors);
    }

    @Test
    void aPositionalArgumentAfterTheSameNamedOneIsGivenTwice() {
        String errors = LimitsTest.errors(HEAD + "data shapes(train=600, 700)\n" + TAIL);
        assertTrue(errors.contains("l.prune:2:24: error: shapes's parameter 'train' is given twice"), errors);
    }

    /** The recipe with {@code line} as line 5, after dense training, before a cycle. */
    private static String at5(String line) {
        return LimitsTest.errors("model mlp(784, 16, 10)\ndata shapes()\nlr 0.1\ntrain 1 epoch\n" + line
                + "\nretrain 1 epoch\nrun 1 cycle\n");
    }

    private static void refused(String line, String message) {
        String errors = at5(line);
        assertTrue(errors.contains("l.prune:5:") && errors.contains(message), line + "\n" + errors);
    }

    /** Each type of parameter refuses a value of another type with its own sentence. */
    @Test
    void aValueOfTheWrongTypeIsOneSentenceNamingTheParameter() {
        refused("prune l1 by 20% every cycle; data shapes(train=600.5)", "shapes's train must be a whole number, got 600.5");
        refused("prune l1 by 20% every cycle; data shapes(train=600 epochs)",
                "shapes's train takes a whole number, got 600 epochs");
        refused("prune rigl(alpha=2 epochs) to 80% every 5 iterations until 20 iterations",
                "rigl's alpha takes a percentage, got 2 epochs");
        refused("prune rigl(erk=1) to 80% every 5 iterations until 20 iterations", "rigl's erk takes a true or false, got 1");
        refused("prune l1 by 20% every cycle; lr lr_replay(from=5)",
                "lr_replay's from needs a unit: write 5 epochs or 5 iterations");
        refused("prune l1 by 20% every cycle; lr lr_replay(from=5 cycles)",
                "lr_replay's from takes a duration in epochs or iterations, got 5 cycles");
        refused("prune l1 by 20% every cycle; lr s_cyc(max=0.1, delay=2 epochs)",
                "s_cyc's delay takes a number of cycles, got 2 epochs");
        assertEquals("", at5("prune l1 by 20% every cycle; lr s_cyc(max=0.1, delay=2 cycles)"));
        refused("prune l1 by 20% every cycle; lr oracle(grid=[0.01, 2 epochs])", "oracle's grid takes a list of numbers");
        refused("prune ap(base=cosine) by 20% every cycle", "ap's base takes a pruning criterion, got cosine");
        assertEquals("", at5("prune ap(base=l2) by 20% every cycle"));
    }

    /** A schedule parameter takes a schedule or a constant rate, never the oracle. */
    @Test
    void aScheduleParameterTakesAScheduleOrANumber() {
        assertEquals("", at5("prune l1 by 20% every cycle; lr warmup(schedule=0.1, over=1 epoch)"));
        assertEquals("", at5("prune l1 by 20% every cycle; lr warmup(schedule=cosine(lr=0.1), over=1 epoch)"));
        refused("prune l1 by 20% every cycle; lr warmup(schedule=oracle(grid=[0.1, 0.2]))",
                "warmup's schedule cannot be the oracle, which chooses its rate by training");
        refused("prune l1 by 20% every cycle; lr warmup(schedule=l1)",
                "warmup's schedule takes a learning-rate schedule, got l1");
    }
}

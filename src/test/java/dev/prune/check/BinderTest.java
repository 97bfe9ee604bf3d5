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
}

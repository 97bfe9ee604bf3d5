package dev.prune.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class SShapeTest {
    /** The SILO code's VGG-19 setting: lr_min .04, lr_max .10, p 0.2, beta 5, delay 1. */
    static final SShape VGG19 = new SShape(0.04, 0.10, 5, 0.2, 1);

    /** The VGG-19 maximum rates by cycle as printed, cycle 0 being the dense training. */
    static final String[] VGG19_TABLE = {".040", ".040", ".0401", ".0432", ".0664", ".0917", ".0984", ".0997"};

    /** v rounded half-up to as many decimals as the printed value has. */
    static String printedLike(double v, String printed) {
        int decimals = printed.length() - printed.indexOf('.') - 1;
        String text = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        return text.startsWith("0.") && printed.startsWith(".") ? text.substring(1) : text;
    }

    @Test
    void reproducesTheVgg19TableByCycle() {
        for (int cycle = 0; cycle < VGG19_TABLE.length; cycle++) {
            assertEquals(VGG19_TABLE[cycle], printedLike(VGG19.maxLr(cycle), VGG19_TABLE[cycle]), "cycle " + cycle);
        }
        for (int cycle = 8; cycle <= 25; cycle++) {
            assertEquals("0.100", printedLike(VGG19.maxLr(cycle), "0.100"), "cycle " + cycle);
        }
    }

    @Test
    void cycleIndexingLagsTheRealSparsityByOneCycle() {
        assertEquals(0, VGG19.pruned(0), 0);
        assertEquals(0, VGG19.pruned(1), 0);
        assertEquals(0.2, VGG19.pruned(2), 1e-12);
        assertEquals(0.36, VGG19.pruned(3), 1e-12);
        // only this indexing gives the table: not counting from cycle 1, not another delay
        assertTrue(tableMatches(VGG19::maxLr));
        assertFalse(tableMatches(c -> VGG19.maxLr(c + 1)));
        assertFalse(tableMatches(c -> VGG19.maxLr(c - 1)));
        assertFalse(tableMatches(new SShape(0.04, 0.10, 5, 0.2, 0)::maxLr));
        assertFalse(tableMatches(new SShape(0.04, 0.10, 5, 0.2, 2)::maxLr));
    }

    private static boolean tableMatches(IntToDoubleFunction byCycle) {
        for (int cycle = 0; cycle < VGG19_TABLE.length; cycle++) {
            if (!VGG19_TABLE[cycle].equals(printedLike(byCycle.applyAsDouble(cycle), VGG19_TABLE[cycle]))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theShapeHasItsFixedPoints() {
        assertEquals(0, SShape.s(0, 5), 0);
        assertEquals(0.5, SShape.s(0.5, 5), 1e-15);
        assertEquals(1, SShape.s(1, 5), 0);
        assertEquals(0, SShape.s(-0.1, 5), 0);
        assertEquals(1, SShape.s(1.1, 5), 0);
        // steeper in the middle as k grows: lower below 1/2, higher above
        assertTrue(SShape.s(0.3, 8) < SShape.s(0.3, 4));
        assertTrue(SShape.s(0.7, 8) > SShape.s(0.7, 4));
    }

    @Test
    void theMaximumGrowsWithTheCycles() {
        double previous = 0;
        for (int cycle = 0; cycle < 40; cycle++) {
            double now = VGG19.maxLr(cycle);
            assertTrue(now >= previous && now >= 0.04 && now <= 0.10);
            previous = now;
        }
    }
}

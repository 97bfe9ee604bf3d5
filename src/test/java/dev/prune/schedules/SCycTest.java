package dev.prune.schedules;

import static dev.prune.schedules.Contexts.curve;
import static dev.prune.schedules.Contexts.cycle;
import static dev.prune.schedules.Contexts.nonDecreasing;
import static dev.prune.schedules.Contexts.nonIncreasing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SCycTest {
    private static final double EPS = 1e-12;
    /** The product card's s_cyc(max=0.1, k=4) with the other defaults: min 40% of max, base 10%, 20% a cycle. */
    private static final SShape CARD = new SShape(0.04, 0.1, 4, 0.2, 1);
    private static final SCyc ONE = new SCyc(CARD, 0.01, 1);

    @Test
    void eachCycleIsATriangleUpToThatCyclesMaximum() {
        for (int c = 0; c < 12; c++) {
            final int cy = c;
            double top = CARD.maxLr(c);
            assertEquals(0.01, ONE.at(cycle(c, 0, 100)), EPS);
            assertEquals((0.01 + top) / 2, ONE.at(cycle(c, 25, 100)), EPS);
            assertEquals(top, ONE.at(cycle(c, 50, 100)), EPS);
            assertEquals(0.01 + (top - 0.01) / 50, ONE.at(cycle(c, 99, 100)), EPS);
            double[] rates = curve(ONE, 100, i -> cycle(cy, i, 100));
            assertTrue(nonDecreasing(Arrays.copyOfRange(rates, 0, 51)));
            assertTrue(nonIncreasing(Arrays.copyOfRange(rates, 50, 100)));
        }
    }

    @Test
    void theUpperBoundGrowsInTheSShape() {
        assertEquals(0.04, ONE.at(cycle(0, 50, 100)), EPS);
        assertEquals(0.04, ONE.at(cycle(1, 50, 100)), EPS);
        assertEquals(0.04 + 0.06 / (1 + Math.pow(0.25, -4)), ONE.at(cycle(2, 50, 100)), EPS);
        double previous = 0;
        for (int c = 0; c < 30; c++) {
            double top = ONE.at(cycle(c, 50, 100));
            assertTrue(top >= previous);
            previous = top;
        }
        assertEquals(0.1, previous, 1e-6);
    }

    @Test
    void severalTrianglesRepeat() {
        SCyc three = new SCyc(CARD, 0.01, 3);
        double[] rates = curve(three, 300, i -> cycle(5, i, 300));
        for (int i = 0; i + 100 < 300; i++) {
            assertEquals(rates[i], rates[i + 100], EPS);
        }
        assertEquals(CARD.maxLr(5), rates[50], EPS);
        assertEquals(CARD.maxLr(5), rates[250], EPS);
    }

    @Test
    void edgeCases() {
        assertEquals(0.01, ONE.at(cycle(4, 0, 1)), EPS);     // one iteration: the start of a triangle
        assertEquals(CARD.maxLr(4), ONE.at(cycle(4, 1, 2)), EPS);
        // density plays no part: the S follows the cycle count
        assertEquals(ONE.at(cycle(3, 10, 100)), ONE.at(new LrContext(10, 100, 100, 3, 0, 1.0, null, 0)), EPS);
    }
}

package dev.prune.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class IcePickTest {
    /** The ICE-Pruning defaults: base 1e-3, delta 7.5e-4, P 0.12, beta 50. */
    private static final IcePick DEFAULTS = new IcePick(1e-3, 7.5e-4, 0.12, 50);

    private static double significant(double v, int digits) {
        return new BigDecimal(v).round(new MathContext(digits)).doubleValue();
    }

    @Test
    void reproducesTheCheckValues() {
        assertEquals(1.0e-3, significant(DEFAULTS.rate(1.0), 2), 0);
        assertEquals(9.30e-4, significant(DEFAULTS.rate(0.90), 3), 0);
        assertEquals(6.25e-4, significant(DEFAULTS.rate(0.88), 3), 0);
        assertEquals(2.74e-4, significant(DEFAULTS.rate(0.85), 3), 0);
        for (double density : new double[] {0.80, 0.7, 0.5, 0.2, 0.0}) {
            assertEquals(2.5e-4, significant(DEFAULTS.rate(density), 2), 0, "density " + density);
        }
    }

    @Test
    void readsTheDensityFromTheContext() {
        assertEquals(DEFAULTS.rate(0.88), DEFAULTS.at(new LrContext(7, 100, 10, 3, 0, 0.88, null, 0)), 0);
        assertEquals(DEFAULTS.rate(1.0), DEFAULTS.at(new LrContext(0, 1, 10, 0, 0, 1.0, null, 0)), 0);
    }

    @Test
    void fallsAsTheNetworkGetsSparser() {
        double previous = Double.POSITIVE_INFINITY;
        for (int step = 1000; step >= 0; step--) {
            double rate = DEFAULTS.rate(step / 1000.0);
            assertTrue(rate <= previous && rate >= 2.5e-4 - 1e-18 && rate <= 1e-3);
            previous = rate;
        }
    }

    @Test
    void pastTheFormulasPoleTheRateIsBase() {
        // pivot 0.6: the ratio's denominator 2(1 - 0.6) - a vanishes at density 0.8
        IcePick wide = new IcePick(1e-3, 7.5e-4, 0.6, 50);
        assertEquals(1e-3, wide.rate(0.8), 0);
        assertEquals(1e-3, wide.rate(0.95), 0);
        assertEquals(1e-3, wide.rate(1.0), 0);
        assertEquals(1e-3, wide.rate(0.7999), 1e-12);       // continuous on the way in
        assertEquals(1e-3 - 7.5e-4 / 2, wide.rate(0.4), 1e-15);
    }
}

package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradualTest {
    private static final double EPS = 1e-12;

    @Test
    void theCubicFromZeroTo80PercentBetweenIterations2And10() {
        // s(t) = 0.8 + (0 - 0.8) (1 - (t - 2) / 8)^3
        assertEquals(0, Gradual.sparsity(0, 0.8, 2, 2, 10), EPS);
        assertEquals(0.4625, Gradual.sparsity(0, 0.8, 4, 2, 10), EPS);
        assertEquals(0.7, Gradual.sparsity(0, 0.8, 6, 2, 10), EPS);
        assertEquals(0.7875, Gradual.sparsity(0, 0.8, 8, 2, 10), EPS);
        assertEquals(0.8, Gradual.sparsity(0, 0.8, 10, 2, 10), EPS);
    }

    @Test
    void beforeTheStartAndAfterTheEndTheSparsityHolds() {
        assertEquals(0.3, Gradual.sparsity(0.3, 0.9, 0, 5, 50), EPS);
        assertEquals(0.9, Gradual.sparsity(0.3, 0.9, 80, 5, 50), EPS);
    }

    @Test
    void itStartsFromTheSparsityTheNetworkHad() {
        // Half way: 0.9 + (0.5 - 0.9) * 0.5^3 = 0.85.
        assertEquals(0.85, Gradual.sparsity(0.5, 0.9, 50, 0, 100), EPS);
    }

    @Test
    void stepsFallEveryIntervalAfterTheStartAndAtTheEnd() {
        assertEquals(List.of(4L, 6L, 8L, 10L), steps(2, 10, 2, 14));
        // A span that is not a multiple of the interval still ends on the target.
        assertEquals(List.of(3L, 6L, 9L, 10L), steps(0, 10, 3, 14));
        // Counted from the start, not from 0: from 2 every 3 is 5, 8, 11, then the end.
        assertEquals(List.of(5L, 8L, 11L, 12L), steps(2, 12, 3, 14));
        assertFalse(Gradual.isStep(0, 0, 10, 3));
        assertTrue(Gradual.isStep(10, 0, 10, 100));
    }

    private static List<Long> steps(long from, long until, long every, long horizon) {
        List<Long> out = new ArrayList<>();
        for (long t = 0; t <= horizon; t++) {
            if (Gradual.isStep(t, from, until, every)) {
                out.add(t);
            }
        }
        return out;
    }
}

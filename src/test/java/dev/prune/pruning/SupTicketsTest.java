package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SupTicketsTest {

    @Test
    void theCyclesEndAtUntilOneCycleApart() {
        // 4 cycles of 84 iterations ending at 672: 420, 504, 588, 672.
        assertEquals(List.of(420L, 504L, 588L, 672L), SupTickets.cycleEnds(672, 84, 4));
        assertEquals(List.of(10L), SupTickets.cycleEnds(10, 3, 1));
    }

    @Test
    void theSuperposedTicketIsTheAverageResparsifiedByMagnitude() {
        // Three cycle-end tickets of one layer, each with 2 of 5 weights (60% sparse), on masks
        // that differ: their union has 4 weights.
        float[] a = {0.6f, 0f, 0f, -0.3f, 0f};
        float[] b = {0.9f, 0f, 0.6f, 0f, 0f};
        float[] c = {0.3f, -0.6f, 0f, 0f, 0f};
        float[] mean = SupTickets.mean(List.of(a, b, c));
        // (0.6 + 0.9 + 0.3) / 3 = 0.6; -0.6 / 3 = -0.2; 0.6 / 3 = 0.2; -0.3 / 3 = -0.1; 0.
        assertArrayEquals(new float[]{0.6f, -0.2f, 0.2f, -0.1f, 0f}, mean, 1e-6f);
        // Back to 2 weights: 0.6, then -0.2 and 0.2 tie and the first by position stays.
        assertArrayEquals(new float[]{1, 1, 0, 0, 0}, SupTickets.resparsify(mean, 2));
        // With the union (4) allowed, the weight outside every mask stays out.
        assertArrayEquals(new float[]{1, 1, 1, 1, 0}, SupTickets.resparsify(mean, 4));
    }

    @Test
    void itIsRigLWithCycles() {
        SupTickets sup = new SupTickets(new RigL(0.3, true), 4, 1, true);
        assertEquals(true, sup.erk());
        assertEquals(0.3, sup.rigl().dropFraction(0, 100), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new SupTickets(new RigL(0.3, true), 0, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new SupTickets(new RigL(0.3, true), 2, 0, true));
    }
}

package dev.prune.stopping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The early-bird mask distance on hand-written masks. */
class EarlyBirdTest {
    private static boolean[] mask(int... bits) {
        boolean[] m = new boolean[bits.length];
        for (int i = 0; i < bits.length; i++) {
            m[i] = bits[i] == 1;
        }
        return m;
    }

    @Test
    void theDistanceIsTheShareOfChannelsWhereTwoMasksDiffer() {
        assertEquals(0.5, EarlyBird.distance(mask(1, 1, 0, 0), mask(1, 0, 0, 1)));
        assertEquals(0.0, EarlyBird.distance(mask(1, 0, 1), mask(1, 0, 1)));
        assertEquals(1.0, EarlyBird.distance(mask(1, 0), mask(0, 1)));
    }

    @Test
    void theTicketEmergesWhenEveryMaskOfTheWindowIsWithinEpsilonOfTheNewest() {
        EarlyBird.Tracker t = new EarlyBird(0.5, 0.25, 3).tracker();
        assertEquals(1.0, t.observe(mask(1, 1, 0, 0)));      // window not full: 1, as the authors' code starts
        assertEquals(1.0, t.observe(mask(1, 0, 0, 1)));
        assertFalse(t.found());
        assertEquals(0.5, t.observe(mask(1, 0, 0, 1)));      // 0.5 to the first, 0 to the second
        assertFalse(t.found());
        assertEquals(0.0, t.observe(mask(1, 0, 0, 1)));      // the first has left the window
        assertTrue(t.found());
        assertEquals(0.25, t.observe(mask(1, 0, 1, 1)));     // at epsilon exactly: still found
        assertTrue(t.found());
        assertEquals(5, t.taken());
        assertEquals(0.5, t.observe(mask(0, 0, 1, 1)));
        assertFalse(t.found());
    }

    @Test
    void itRefusesAWindowOfOneAndRatiosOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new EarlyBird(0.5, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new EarlyBird(1, 0.1, 5));
    }
}

package dev.prune.stopping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EarlyStopTest {

    @Test
    void stopsAfterPatienceEpochsWithoutALowerLoss() {
        EarlyStop.Tracker t = new EarlyStop(2, 0, false).tracker();
        assertTrue(t.observe(1.0));
        assertTrue(t.observe(0.8));
        assertFalse(t.observe(0.85));
        assertFalse(t.stop());
        assertFalse(t.observe(0.8), "equal is not lower");
        assertTrue(t.stop());
        assertEquals(0.8, t.best());
        assertEquals(1, t.bestEpoch());
        assertEquals(4, t.epochs());
    }

    @Test
    void aLowerLossStartsTheWaitAgain() {
        EarlyStop.Tracker t = new EarlyStop(2, 0, false).tracker();
        t.observe(1.0);
        t.observe(1.1);
        t.observe(0.9);
        t.observe(0.95);
        assertFalse(t.stop());
        assertEquals(2, t.bestEpoch());
    }

    @Test
    void minDeltaSaysHowMuchLowerCounts() {
        EarlyStop.Tracker t = new EarlyStop(2, 0.1, false).tracker();
        assertTrue(t.observe(1.0));
        assertFalse(t.observe(0.95), "not below 1.0 - 0.1");
        assertTrue(t.observe(0.85));
        assertFalse(t.observe(0.8));
        assertFalse(t.stop());
    }

    @Test
    void aLossThatIsNotANumberNeverImproves() {
        EarlyStop.Tracker t = new EarlyStop(1, 0, false).tracker();
        assertFalse(t.observe(Double.NaN));
        assertTrue(t.stop());
        assertEquals(-1, t.bestEpoch());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EarlyStop(0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStop(1, -1, false));
    }
}

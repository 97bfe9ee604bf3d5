package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a skipped fine-tuning would have cost: timed by this run's retrainings, or else by its dense training. */
class TimingTest {
    private static final double EPS = 1e-12;

    @Test
    void retrainingsTimeTheEstimateOnceThereAreAnyAndTheDenseTrainingBefore() {
        Timing t = new Timing();
        assertTrue(Double.isNaN(t.estimate(10)), "nothing measured yet");
        t.measured(true, 100, 2.0);
        assertEquals(0.2, t.estimate(10), EPS);
        t.measured(true, 100, 4.0);
        assertEquals(0.3, t.estimate(10), EPS, "6 s over 200 dense iterations");
        t.measured(false, 50, 0.5);
        assertEquals(0.1, t.estimate(10), EPS, "the retraining's 0.01 s an iteration, not the dense 0.03");
        t.measured(false, 150, 3.5);
        assertEquals(0.2, t.estimate(10), EPS, "4 s over 200 retraining iterations");
        assertEquals(0, t.estimate(0), EPS);
        assertEquals(new Snapshot.Speed(200, 6.0, 200, 4.0), t.speed());
    }

    @Test
    void aRestoredOrAssignedTimingEstimatesAsTheOriginal() {
        Timing t = new Timing();
        t.measured(true, 120, 3.0);
        Timing restored = new Timing();
        restored.restore(t.speed());
        assertEquals(t.estimate(7), restored.estimate(7), EPS);
        t.measured(false, 30, 0.6);
        Timing assigned = new Timing();
        assigned.assign(t);
        assertEquals(t.speed(), assigned.speed());
        assertEquals(0.14, assigned.estimate(7), EPS);
    }
}

package dev.prune.schedules;

import static dev.prune.schedules.Contexts.after;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReplayTest {
    /** A dense run of 600 iterations: 0.1 falling by 0.0001 per iteration. */
    private static final LrSchedule DENSE = c -> 0.1 - 0.0001 * c.iteration();

    @Test
    void replaysTheDenseScheduleFromThePointAndHoldsItsLastRate() {
        Replay fromIteration = new Replay(Length.iterations(500));
        assertEquals(0.05, fromIteration.at(after(DENSE, 600, 0, 200)), 1e-12);
        assertEquals(0.0401, fromIteration.at(after(DENSE, 600, 99, 200)), 1e-12);
        assertEquals(0.0401, fromIteration.at(after(DENSE, 600, 150, 200)), 1e-12);
        // 100 iterations per epoch in these contexts: epoch 2 is iteration 200.
        assertEquals(0.08, new Replay(Length.epochs(2)).at(after(DENSE, 600, 0, 200)), 1e-12);
    }
}

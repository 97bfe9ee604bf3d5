package dev.prune.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * What retraining schedules read off the dense training: its largest rate, the first iteration
 * that reaches it, and the smallest rate from there on. Each call of {@link #fresh} is a new schedule
 * object (schedules are cache keys by equality, and a lambda without captures is one object), so the
 * summary is computed, not taken from the cache an earlier test or run filled.
 */
class OriginalRunTest {
    private static LrSchedule fresh(java.util.function.ToDoubleFunction<LrContext> rate) {
        return new LrSchedule() {
            @Override
            public double at(LrContext context) {
                return rate.applyAsDouble(context);
            }
        };
    }

    private static OriginalRun of(LrSchedule dense, int iterations) {
        return OriginalRun.of(Contexts.after(dense, iterations, 0, 50), "test");
    }

    @Test
    void thePeakIsTheFirstIterationAtTheLargestRate() {
        // 0.1 for iterations 0-29, then halved every 30: 0.0125 from iteration 90 on
        LrSchedule step = fresh(c -> new Step(0.1, 0.5, Length.iterations(30)).at(c));
        assertEquals(new OriginalRun(0.1, 0.0125, 0, 100), of(step, 100));
    }

    @Test
    void theSmallestRateIsTakenAfterThePeakSoAWarmUpDoesNotCount() {
        LrSchedule warm = fresh(c -> c.iteration() < 10 ? 0.001 * (c.iteration() + 1) : 0.05 - 0.0001 * c.iteration());
        OriginalRun run = of(warm, 40);
        assertEquals(0.049, run.max(), 1e-12);
        assertEquals(10, run.peak());
        assertEquals(0.05 - 0.0039, run.min(), 1e-12, "the last iteration's rate, not the warm-up's 0.001");
        assertEquals(40, run.iterations());
    }

    @Test
    void theSameSummaryComesBackFromTheCache() {
        LrSchedule constant = fresh(c -> 0.07);
        OriginalRun first = of(constant, 20);
        assertEquals(new OriginalRun(0.07, 0.07, 0, 20), first);
        assertEquals(first, of(constant, 20));
    }

    @Test
    void withoutADenseTrainingItIsAClearFailure() {
        LrSchedule constant = fresh(c -> 0.07);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OriginalRun.of(Contexts.after(constant, 0, 0, 50), "bimp"));
        assertEquals("bimp retrains with rates taken from the dense training's schedule, and there was no dense "
                + "training before pruning", e.getMessage());
    }
}

package dev.prune.schedules;

import static dev.prune.schedules.Contexts.after;
import static dev.prune.schedules.Contexts.curve;
import static dev.prune.schedules.Contexts.nonDecreasing;
import static dev.prune.schedules.Contexts.nonIncreasing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RetrainingSchedulesTest {
    private static final double EPS = 1e-12;

    /** A dense run of 600 iterations: warm-up to 0.1 by iteration 49, then 0.01 from 300, 0.001 from 500. */
    private static final LrSchedule DENSE = c -> {
        int i = c.iteration();
        return i < 50 ? 0.002 * (i + 1) : i < 300 ? 0.1 : i < 500 ? 0.01 : 0.001;
    };
    private static final int DENSE_ITERATIONS = 600;

    private static LrContext retrain(int i, int n) {
        return after(DENSE, DENSE_ITERATIONS, i, n);
    }

    private static double[] retrainCurve(LrSchedule s, int n) {
        return curve(s, n, i -> retrain(i, n));
    }

    @Test
    void theDenseRunIsReadOnce() {
        OriginalRun run = OriginalRun.of(retrain(0, 100), "test");
        assertEquals(0.1, run.max(), EPS);
        assertEquals(0.001, run.min(), EPS);
        assertEquals(49, run.peak());
        assertEquals(600, run.iterations());
    }

    @Test
    void fineTuningKeepsTheLastDenseRate() {
        double[] rates = retrainCurve(new FineTune(), 100);
        assertTrue(Arrays.stream(rates).allMatch(r -> r == 0.001));
    }

    @Test
    void rewindingReplaysTheEndOfTheDenseRun() {
        LrSchedule r = new Rewind();
        assertEquals(0.01, r.at(retrain(0, 200)), EPS);
        assertEquals(0.01, r.at(retrain(99, 200)), EPS);
        assertEquals(0.001, r.at(retrain(100, 200)), EPS);
        assertEquals(0.001, r.at(retrain(199, 200)), EPS);
        for (int i = 0; i < 200; i++) {
            assertEquals(DENSE.at(retrain(400 + i, 600)), r.at(retrain(i, 200)), EPS);
        }
        // longer than the dense run: the first dense rate until the replay starts
        assertEquals(0.002, r.at(retrain(0, 1000)), EPS);
        assertEquals(0.002, r.at(retrain(400, 1000)), EPS);
        assertEquals(0.004, r.at(retrain(401, 1000)), EPS);
        assertEquals(0.001, r.at(retrain(999, 1000)), EPS);
        assertEquals(0.001, r.at(retrain(0, 1)), EPS);
    }

    @Test
    void scaledRestartSqueezesTheWholeDenseRunAfterAWarmUp() {
        LrSchedule s = new ScaledRestart(0.1);
        assertEquals(0.0, s.at(retrain(0, 100)), EPS);
        assertEquals(0.05, s.at(retrain(5, 100)), EPS);
        assertEquals(0.1, s.at(retrain(10, 100)), EPS);   // dense warm-up replaced by the maximum
        assertEquals(0.1, s.at(retrain(54, 100)), EPS);   // dense iteration 293
        assertEquals(0.01, s.at(retrain(55, 100)), EPS);  // dense iteration 300
        assertEquals(0.001, s.at(retrain(99, 100)), EPS);
        double[] rates = retrainCurve(s, 100);
        assertTrue(nonDecreasing(Arrays.copyOfRange(rates, 0, 11)));
        assertTrue(nonIncreasing(Arrays.copyOfRange(rates, 10, 100)));
        assertEquals(0.1, s.at(retrain(0, 1)), EPS);
    }

    @Test
    void cosineRestartFallsFromTheDenseMaximumToTheDenseMinimum() {
        LrSchedule c = new CosineRestart(0.1);
        assertEquals(0.0, c.at(retrain(0, 100)), EPS);
        assertEquals(0.1, c.at(retrain(10, 100)), EPS);
        assertEquals((0.1 + 0.001) / 2, c.at(retrain(55, 100)), EPS);
        double[] rates = retrainCurve(c, 100);
        assertTrue(nonDecreasing(Arrays.copyOfRange(rates, 0, 11)));
        assertTrue(nonIncreasing(Arrays.copyOfRange(rates, 10, 100)));
        assertTrue(rates[99] > 0.001 && rates[99] < 0.0015);
        assertEquals(0.1, c.at(retrain(0, 1)), EPS);
    }

    @Test
    void linearRestartFallsTowardsZero() {
        LrSchedule l = new LinearRestart(0.1);
        assertEquals(0.1, l.at(retrain(10, 100)), EPS);
        assertEquals(0.05, l.at(retrain(55, 100)), EPS);
        assertEquals(0.1 / 90, l.at(retrain(99, 100)), EPS);
        double[] rates = retrainCurve(l, 100);
        assertTrue(nonDecreasing(Arrays.copyOfRange(rates, 0, 11)));
        assertTrue(nonIncreasing(Arrays.copyOfRange(rates, 10, 100)));
        assertEquals(0.1, new LinearRestart(0).at(retrain(0, 100)), EPS);
        assertEquals(0.1, l.at(retrain(0, 1)), EPS);
    }

    @Test
    void adaptiveRestartStartsFromTheDamageDone() {
        LrSchedule a = new AdaptiveLinearRestart(0.1);
        // d = 0.1, s = 0.2: 0.1 * 0.1 / sqrt(0.2), inside [100/600 * 0.1, 0.1]
        double start = 0.1 * 0.1 / Math.sqrt(0.2);
        assertEquals(start, a.at(retrain(10, 100)), EPS);
        assertEquals(start / 2, a.at(retrain(55, 100)), EPS);
        double[] rates = retrainCurve(a, 100);
        assertTrue(nonIncreasing(Arrays.copyOfRange(rates, 10, 100)));
        assertEquals(0.1, a.at(damage(0.5, 0.2)), EPS);               // clipped at the dense maximum
        assertEquals(0.1 / 6, a.at(damage(0.01, 0.2)), EPS);          // at T_rt / T_orig of it
        assertEquals(0.1 / 6, a.at(damage(0, 0)), EPS);               // nothing pruned
        // a retraining ten times longer than the dense run: the lower clip is the maximum itself
        assertEquals(0.1, a.at(new LrContext(600, 6000, 100, 1, 0, 0.8, DENSE, 600, 0.2, 0.01)), EPS);
    }

    private static LrContext damage(double normDrop, double stepSparsity) {
        return new LrContext(10, 100, 100, 1, 0, 0.8, DENSE, DENSE_ITERATIONS, stepSparsity, normDrop);
    }

    @Test
    void withoutADenseRunTheyFailClearly() {
        LrContext none = Contexts.cycle(1, 0, 100);
        for (LrSchedule s : new LrSchedule[] {new FineTune(), new Rewind(), new ScaledRestart(0.1),
                new CosineRestart(0.1), new LinearRestart(0.1), new AdaptiveLinearRestart(0.1)}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.at(none));
            assertTrue(e.getMessage().contains("no dense training"), e.getMessage());
        }
    }
}

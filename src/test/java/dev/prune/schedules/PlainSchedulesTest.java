package dev.prune.schedules;

import static dev.prune.schedules.Contexts.curve;
import static dev.prune.schedules.Contexts.nonDecreasing;
import static dev.prune.schedules.Contexts.nonIncreasing;
import static dev.prune.schedules.Contexts.phase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlainSchedulesTest {
    private static final double EPS = 1e-12;

    @Test
    void constantIsTheSameEverywhere() {
        LrSchedule c = new Constant(0.1);
        assertEquals(0.1, c.at(phase(0, 1)), 0);
        assertEquals(0.1, c.at(new LrContext(500, 1000, 10, 3, 5, 0.3, null, 0)), 0);
    }

    @Test
    void stepMultipliesByGammaEveryStretch() {
        LrSchedule s = new Step(0.1, 0.5, Length.epochs(2));  // 200 iterations at 100 per epoch
        assertEquals(0.1, s.at(phase(0, 1000)), EPS);
        assertEquals(0.1, s.at(phase(199, 1000)), EPS);
        assertEquals(0.05, s.at(phase(200, 1000)), EPS);
        assertEquals(0.025, s.at(phase(400, 1000)), EPS);
        assertEquals(0.1 * Math.pow(0.5, 4), s.at(phase(999, 1000)), EPS);
        assertTrue(nonIncreasing(curve(s, 1000)));
        assertEquals(0.05, new Step(0.1, 0.5, Length.iterations(30)).at(phase(30, 100)), EPS);
    }

    @Test
    void multiStepDropsAtTheGivenEpochs() {
        LrSchedule s = new MultiStep(0.1, 0.1, List.of(80.0, 120.0));
        assertEquals(0.1, s.at(phase(7999, 16000)), EPS);
        assertEquals(0.01, s.at(phase(8000, 16000)), EPS);
        assertEquals(0.01, s.at(phase(11999, 16000)), EPS);
        assertEquals(0.001, s.at(phase(12000, 16000)), EPS);
        assertTrue(nonIncreasing(curve(s, 16000)));
        // milestones in any order, fractional epochs from the first iteration at or after them
        LrSchedule unordered = new MultiStep(1, 0.5, List.of(2.5, 1.0));
        assertEquals(0.5, unordered.at(phase(100, 1000)), EPS);
        assertEquals(0.5, unordered.at(phase(249, 1000)), EPS);
        assertEquals(0.25, unordered.at(phase(250, 1000)), EPS);
    }

    @Test
    void exponentialDecaysOncePerEpoch() {
        LrSchedule e = new Exponential(0.1, 0.9);
        assertEquals(0.1, e.at(phase(99, 1000)), EPS);
        assertEquals(0.09, e.at(phase(100, 1000)), EPS);
        assertEquals(0.1 * Math.pow(0.9, 9), e.at(phase(999, 1000)), EPS);
        assertTrue(nonIncreasing(curve(e, 1000)));
    }

    @Test
    void linearGoesFromStartTowardsEnd() {
        LrSchedule l = new Linear(0.1, 0.0);
        assertEquals(0.1, l.at(phase(0, 10)), EPS);
        assertEquals(0.05, l.at(phase(5, 10)), EPS);
        assertEquals(0.01, l.at(phase(9, 10)), EPS);
        assertTrue(nonIncreasing(curve(l, 10)));
        assertTrue(nonDecreasing(curve(new Linear(0.01, 0.1), 10)));
        assertEquals(0.1, l.at(phase(0, 1)), EPS);
    }

    @Test
    void cosineFallsToItsMinimum() {
        LrSchedule c = new Cosine(0.1, 0.001);
        assertEquals(0.1, c.at(phase(0, 100)), EPS);
        assertEquals((0.1 + 0.001) / 2, c.at(phase(50, 100)), EPS);
        double[] rates = curve(c, 100);
        assertTrue(nonIncreasing(rates));
        assertTrue(rates[99] > 0.001 && rates[99] < 0.0011);
        assertEquals(0.1, c.at(phase(0, 1)), EPS);
    }

    @Test
    void warmUpRisesToWhereTheScheduleStartsThenRunsIt() {
        LrSchedule w = new WarmUp(new Cosine(0.1, 0.0), Length.iterations(10));
        assertEquals(0.01, w.at(phase(0, 110)), EPS);
        assertEquals(0.05, w.at(phase(4, 110)), EPS);
        // continuous where the warm-up ends: its last iteration and the schedule's first agree
        assertEquals(0.1, w.at(phase(9, 110)), EPS);
        assertEquals(0.1, w.at(phase(10, 110)), EPS);
        // the cosine runs over the 100 iterations left
        assertEquals(0.05, w.at(phase(60, 110)), EPS);
        double[] rates = curve(w, 110);
        assertTrue(nonDecreasing(java.util.Arrays.copyOfRange(rates, 0, 10)));
        assertTrue(nonIncreasing(java.util.Arrays.copyOfRange(rates, 10, 110)));
    }

    @Test
    void warmUpInEpochsAndLongerThanThePhase() {
        LrSchedule w = new WarmUp(new Constant(0.2), Length.epochs(1));
        assertEquals(0.002, w.at(phase(0, 50)), EPS);
        assertEquals(0.1, w.at(phase(49, 50)), EPS);
        assertEquals(0.002, w.at(phase(0, 1)), EPS);
    }

    @Test
    void triangularMatchesSmithsFormula() {
        LrSchedule t = new Triangular(0.001, 0.006, Length.iterations(2000));
        assertEquals(0.001, t.at(phase(0, 20000)), EPS);
        assertEquals(0.0035, t.at(phase(1000, 20000)), EPS);
        assertEquals(0.006, t.at(phase(2000, 20000)), EPS);
        assertEquals(0.0035, t.at(phase(3000, 20000)), EPS);
        assertEquals(0.001, t.at(phase(4000, 20000)), EPS);
        // periodic with a period of two steps, up for a step and down for a step
        double[] rates = curve(t, 20000);
        for (int i = 0; i + 4000 < rates.length; i++) {
            assertEquals(rates[i], rates[i + 4000], EPS);
        }
        assertTrue(nonDecreasing(java.util.Arrays.copyOfRange(rates, 0, 2001)));
        assertTrue(nonIncreasing(java.util.Arrays.copyOfRange(rates, 2000, 4001)));
    }

    @Test
    void triangularWaveHasRealStep() {
        assertEquals(0.0, Triangular.wave(0, 2.5), EPS);
        assertEquals(1.0, Triangular.wave(2.5, 2.5), EPS);
        assertEquals(0.0, Triangular.wave(5, 2.5), EPS);
        assertEquals(0.4, Triangular.wave(1, 2.5), EPS);
    }

    @Test
    void oneCycleRisesThenFallsFarBelowItsStart() {
        LrSchedule o = new OneCycle(0.1, 0.3, 25, 1e4);
        int n = 1001;
        assertEquals(0.004, o.at(phase(0, n)), EPS);
        assertEquals(0.1, o.at(phase(300, n)), EPS);
        assertEquals(0.004 / 1e4, o.at(phase(1000, n)), EPS);
        double[] rates = curve(o, n);
        assertTrue(nonDecreasing(java.util.Arrays.copyOfRange(rates, 0, 301)));
        assertTrue(nonIncreasing(java.util.Arrays.copyOfRange(rates, 300, n)));
        assertEquals(0.004, o.at(phase(0, 1)), EPS);
        assertEquals(0.1, new OneCycle(0.1, 0, 25, 1e4).at(phase(0, 10)), EPS);
        assertEquals(0.1, new OneCycle(0.1, 1, 25, 1e4).at(phase(9, 10)), EPS);
    }

    @Test
    void lengthsNeedTheIterationsPerEpoch() {
        assertEquals(250, Length.epochs(2.5).in(phase(0, 1)));
        assertEquals(7, Length.iterations(7).in(phase(0, 1)));
        assertEquals(1, Length.epochs(3).in(new LrContext(0, 1, 0, 0, 0, 1, null, 0)));
        assertEquals("3 epochs", Length.epochs(3).toString());
    }

    @Test
    void aPhaseWithoutEpochsIsInItsFirstEpoch() {
        assertEquals(0, new LrContext(5, 10, 0, 0, 0, 1.0, null, 0).epoch());
        assertEquals(2, new LrContext(25, 100, 10, 0, 0, 1.0, null, 0).epoch());
    }

    @Test
    void anOracleCandidateFitsWholeTrianglesIntoThePhase() {
        LrSchedule two = new Oracle.Candidate(0.1, 0.01, 2);
        assertEquals(0.01, two.at(phase(0, 100)), EPS);
        assertEquals(0.1, two.at(phase(25, 100)), EPS);
        assertEquals(0.01, two.at(phase(50, 100)), EPS);
        assertEquals(0.1, two.at(phase(75, 100)), EPS);
    }
}

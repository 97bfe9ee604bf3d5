package dev.prune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.interp.CycleRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class SavingsTest {
    private static CycleRecord cycle(int n, double seconds, boolean retrained, boolean skipped, double saved) {
        return new CycleRecord(n, 0.2 * n, 0.9, 0.3, Double.NaN, Double.NaN, Double.NaN, Double.NaN, retrained ? 1 : 0,
                seconds, retrained, List.of(), new double[0], skipped, saved, Double.NaN, "");
    }

    @Test
    void timeSavedIsTheSkippedFineTuningsAgainstFineTuningEveryCycle() {
        List<CycleRecord> records = List.of(
                cycle(0, 9.0, false, false, 0),           // the model before pruning: not counted
                cycle(1, 3.0, true, false, 0),
                cycle(2, 0.5, false, true, 2.5),
                cycle(3, 0.5, false, true, 2.5),
                cycle(4, 3.5, true, false, 0));
        Savings s = Savings.of(records);
        assertEquals(new Savings(4, 2, 2, 7.5, 5.0), s);
        assertEquals(5.0 / 12.5, s.share(), 1e-12);
        assertEquals("fine-tuned in 2 of 4 cycles, skipped in 2; saved about 5.0 s, 40% of the 12.5 s that "
                + "fine-tuning every cycle would have taken (estimated from the measured fine-tunings)", s.sentence());
    }

    @Test
    void nothingSkippedSaysNothing() {
        assertEquals("", Savings.of(List.of(cycle(0, 1, false, false, 0), cycle(1, 3, true, false, 0))).sentence());
    }

    @Test
    void withNothingMeasuredTheSavingIsNotGuessed() {
        Savings s = Savings.of(List.of(cycle(1, 0.5, false, true, Double.NaN)));
        assertEquals("fine-tuned in 0 of 1 cycles, skipped in 1; no training was measured to estimate the time saved",
                s.sentence());
    }
}

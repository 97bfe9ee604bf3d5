package dev.prune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.interp.CycleRecord;
import dev.prune.interp.PhaseStart;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private long now;
    private final Progress progress = new Progress(() -> now);

    @Test
    void theLineSaysWhereTheRunIsAndHowLongThePhaseAndTheRunStillTake() {
        progress.start(new PhaseStart("cycle 2", 2, 5, 300, 100, new double[200]));
        now = 10_000_000_000L; // 10 s for 50 of 200 iterations
        assertEquals("  cycle 2/5 epoch 1/2 [======                  ]  25%  loss 0.4321  eta 0:30, run 2:30",
                progress.line(50, 200, 0.43214));

        progress.cycleDone(new CycleRecord(1, 0.2, 0.9, 0.3, 0.9, 0.1, 0.1, 0.3, 2, 20, true, List.of(), new double[0],
                false, Double.NaN, Double.NaN, ""));
        assertEquals("  cycle 2/5 epoch 2/2 [===================     ]  80%  loss 0.2000  eta 0:03, run 1:03",
                progress.line(160, 200, 0.2), "2.5 s left in the phase, then 3 cycles of 20 s like the finished one");
    }

    @Test
    void trainingOutsideARunHasNoRunEstimateAndTheFirstSecondNoEstimateAtAll() {
        progress.start(new PhaseStart("train", 0, 0, 0, 100, new double[300]));
        now = 500_000_000L;
        assertEquals("  train epoch 1/3 [                        ]   3%  loss 1.0000", progress.line(10, 300, 1));
        now = 4_000_000_000L;
        assertEquals("  train epoch 2/3 [================        ]  66%  loss 1.0000  eta 0:02", progress.line(200, 300, 1));
        assertEquals("1:01:01", Progress.clock(3661));
    }
}

package dev.prune.schedules;

import static dev.prune.schedules.Contexts.curve;
import static dev.prune.schedules.Contexts.nonDecreasing;
import static dev.prune.schedules.Contexts.nonIncreasing;
import static dev.prune.schedules.SShapeTest.VGG19_TABLE;
import static dev.prune.schedules.SShapeTest.printedLike;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiloTest {
    private static final double EPS = 1e-12;
    /** The SILO code's VGG-19 run: 563 iterations per epoch (36,000 images, batch 64), 160 epochs. */
    private static final int PER_EPOCH = 563;
    private static final int PHASE = 160 * PER_EPOCH;
    private static final Silo VGG19 = new Silo(SShapeTest.VGG19, Length.iterations(10000), List.of(80.0, 120.0), 0.1);

    private static LrContext at(int cycle, int i) {
        return new LrContext(i, PHASE, PER_EPOCH, cycle, 25, Math.pow(0.8, cycle), null, 0);
    }

    @Test
    void theMaximumRateTableComesOutOfTheSchedule() {
        for (int c = 0; c < VGG19_TABLE.length; c++) {
            assertEquals(VGG19_TABLE[c], printedLike(VGG19.at(at(c, 9999)), VGG19_TABLE[c]), "cycle " + c);
            assertEquals(SShapeTest.VGG19.maxLr(c), VGG19.at(at(c, 20000)), EPS);
        }
        assertEquals("0.100", printedLike(VGG19.at(at(12, 9999)), "0.100"));
    }

    @Test
    void warmsUpThenDropsTenfoldTwice() {
        for (int c : new int[] {0, 3, 7}) {
            double top = SShapeTest.VGG19.maxLr(c);
            assertEquals(top / 10000, VGG19.at(at(c, 0)), EPS);
            assertEquals(top / 2, VGG19.at(at(c, 4999)), EPS);
            assertEquals(top, VGG19.at(at(c, 9999)), EPS);     // warm-up ends where the maximum holds
            assertEquals(top, VGG19.at(at(c, 10000)), EPS);
            assertEquals(top, VGG19.at(at(c, 80 * PER_EPOCH - 1)), EPS);
            assertEquals(top / 10, VGG19.at(at(c, 80 * PER_EPOCH)), EPS);
            assertEquals(top / 100, VGG19.at(at(c, 120 * PER_EPOCH)), EPS);
            assertEquals(top / 100, VGG19.at(at(c, PHASE - 1)), EPS);
            final int cy = c;
            double[] rates = curve(VGG19, PHASE, i -> at(cy, i));
            assertTrue(nonDecreasing(Arrays.copyOfRange(rates, 0, 10000)));
            assertTrue(nonIncreasing(Arrays.copyOfRange(rates, 9999, PHASE)));
        }
    }

    @Test
    void aDropBeforeTheWarmUpEndsWins() {
        Silo shortRun = new Silo(SShapeTest.VGG19, Length.iterations(10000), List.of(2.0), 0.1);
        LrContext context = new LrContext(200, 500, 100, 0, 0, 1.0, null, 0);
        assertEquals(0.004, shortRun.at(context), EPS);
        assertEquals(0.04 * 200 / 10000, shortRun.at(context.withIteration(199)), EPS);
    }

    @Test
    void edgeCases() {
        Silo epochs = new Silo(SShapeTest.VGG19, Length.epochs(1), List.of(), 0.1);
        assertEquals(0.04 / 100, epochs.at(new LrContext(0, 1, 100, 0, 0, 1.0, null, 0)), EPS);
        assertEquals(0.04, epochs.at(new LrContext(99, 300, 100, 1, 0, 1.0, null, 0)), EPS);
        assertEquals(0.04, epochs.at(new LrContext(299, 300, 100, 1, 0, 1.0, null, 0)), EPS);
    }
}

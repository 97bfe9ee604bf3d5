package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AugmentationTest {
    /** A 2-channel 3x3 image: channel 0 holds 1..9 row by row, channel 1 holds 11..19. */
    private static final float[] IMAGE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19};
    private static final float[] FILL = {-1, -2};

    /** A key and index whose draw is the wanted one, found by search so the test does not depend on luck. */
    private static long[] find(Augmentation a, int dy, int dx, int mirror) {
        for (long key = 0; key < 10_000; key++) {
            int[] d = a.draw(key, 3);
            if (d[0] == dy && d[1] == dx && d[2] == mirror) {
                return new long[] {key, 3};
            }
        }
        throw new AssertionError("no key draws " + dy + ", " + dx + ", " + mirror);
    }

    private static float[] apply(Augmentation a, long[] keyIndex) {
        float[] out = new float[IMAGE.length];
        a.apply(IMAGE, out, 2, 3, 3, keyIndex[0], (int) keyIndex[1]);
        return out;
    }

    @Test
    void aShiftDownRightCropsWithPaddingByHand() {
        Augmentation a = new Augmentation(1, false, FILL);
        // dy = 1, dx = 1: output (y, x) reads source (y + 1, x + 1); the last row and column are padding.
        assertArrayEquals(new float[] {5, 6, -1, 8, 9, -1, -1, -1, -1, 15, 16, -2, 18, 19, -2, -2, -2, -2},
                apply(a, find(a, 1, 1, 0)));
        // dy = -1, dx = 0: the first row is padding.
        assertArrayEquals(new float[] {-1, -1, -1, 1, 2, 3, 4, 5, 6, -2, -2, -2, 11, 12, 13, 14, 15, 16},
                apply(a, find(a, -1, 0, 0)));
    }

    @Test
    void aFlipMirrorsEachRowAndComesAfterTheCrop() {
        Augmentation flipOnly = new Augmentation(0, true, FILL);
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7, 13, 12, 11, 16, 15, 14, 19, 18, 17},
                apply(flipOnly, find(flipOnly, 0, 0, 1)));
        Augmentation both = new Augmentation(1, true, FILL);
        // Crop at dx = 1 gives rows [2, 3, pad]; mirrored, [pad, 3, 2].
        assertArrayEquals(new float[] {-1, 3, 2, -1, 6, 5, -1, 9, 8, -2, 13, 12, -2, 16, 15, -2, 19, 18},
                apply(both, find(both, 0, 1, 1)));
    }

    @Test
    void theDrawIsAFunctionOfKeyAndIndexOnly() {
        Augmentation a = new Augmentation(4, true, new float[] {0});
        assertArrayEquals(a.draw(42, 7), new Augmentation(4, true, new float[] {0}).draw(42, 7));
        Set<String> seen = new HashSet<>();
        int flips = 0;
        for (int i = 0; i < 2000; i++) {
            int[] d = a.draw(42, i);
            assertTrue(d[0] >= -4 && d[0] <= 4 && d[1] >= -4 && d[1] <= 4, "shift within the padding");
            seen.add(d[0] + "," + d[1]);
            flips += d[2];
        }
        assertEquals(81, seen.size(), "every one of the 9x9 offsets occurs");
        assertTrue(flips > 900 && flips < 1100, "about half are mirrored: " + flips);
        int same = 0;
        for (int i = 0; i < 200; i++) {
            same += java.util.Arrays.equals(a.draw(42, i), a.draw(43, i)) ? 1 : 0;
        }
        assertTrue(same < 20, "another epoch's key gives other draws: " + same + " of 200 equal");
    }

    @Test
    void noCropAndNoFlipIsTheIdentity() {
        Augmentation a = new Augmentation(0, false, FILL);
        assertTrue(a.none());
        assertArrayEquals(IMAGE, apply(a, new long[] {5, 1}));
    }
}

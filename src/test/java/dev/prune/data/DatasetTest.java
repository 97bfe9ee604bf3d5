package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatasetTest {
    /** Four 1x1x2 examples whose values encode their row. */
    private static Dataset four() {
        return new Dataset("d", new float[] {0, .01f, .1f, .11f, .2f, .21f, .3f, .31f}, new int[] {0, 1, 2, 0},
                4, 1, 1, 2, 3);
    }

    @Test
    void subsetCopiesRowsInGivenOrder() {
        Dataset s = four().subset(new int[] {3, 1, 3});
        assertEquals(3, s.count());
        assertArrayEquals(new float[] {.3f, .31f, .1f, .11f, .3f, .31f}, s.features());
        assertArrayEquals(new int[] {0, 1, 0}, s.labels());
        assertEquals(2, s.inputSize());
        assertThrows(IndexOutOfBoundsException.class, () -> four().subset(new int[] {4}));
    }

    @Test
    void headTakesFirstRowsOrAll() {
        Dataset d = four();
        assertEquals(2, d.head(2).count());
        assertArrayEquals(new float[] {0, .01f, .1f, .11f}, d.head(2).features());
        assertEquals(d, d.head(10));
        assertNotSame(d.features(), d.head(10).features());
        assertEquals(0, d.head(0).count());
    }

    @Test
    void shapeIsValidated() {
        assertThrows(IllegalArgumentException.class,
                () -> new Dataset("d", new float[3], new int[1], 1, 1, 1, 2, 3));
        assertThrows(IllegalArgumentException.class,
                () -> new Dataset("d", new float[2], new int[2], 1, 1, 1, 2, 3));
    }

    @Test
    void countsClassesAndPrintsShape() {
        assertArrayEquals(new int[] {2, 1, 1}, four().classCounts());
        assertEquals("Dataset[d: 4 x 1x1x2, 3 classes]", four().toString());
    }
}

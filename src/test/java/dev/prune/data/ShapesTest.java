package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapesTest {
    @Test
    void sameSeedSameBytesAndFingerprint() {
        DataSplit a = Shapes.generate(300, 100, 50, 28, 42);
        DataSplit b = Shapes.generate(300, 100, 50, 28, 42);
        assertEquals(a, b);
        assertEquals(a.fingerprint(), b.fingerprint());
        DataSplit c = Shapes.generate(300, 100, 50, 28, 43);
        assertNotEquals(a.train(), c.train());
        assertNotEquals(a.fingerprint(), c.fingerprint());
    }

    // Pinned so that any change to the generator, which would silently change recorded runs, fails here.
    @Test
    void seed42IsPinned() {
        DataSplit s = Shapes.generate(100, 20, 10, 28, 42);
        ByteBuffer bytes = ByteBuffer.allocate(s.train().features().length * Float.BYTES);
        bytes.asFloatBuffer().put(s.train().features());
        assertEquals("c97ff2e2fd0d20cc3bbfe06a893b76bb9c5a5e1f5ed5ad3671d947aaa69951ae",
                Fingerprint.ofBytes(bytes.array()));
        assertArrayEquals(new int[] {0, 7, 6, 2, 9, 2, 2, 1, 8, 4, 4, 8}, Arrays.copyOf(s.train().labels(), 12));
        assertEquals("shapes:seed=42:train=100:test=20:val=10:size=28", s.fingerprint());
    }

    @Test
    void fingerprintNamesTheRecipe() {
        assertEquals("shapes:seed=42:train=6000:test=1000:size=28", Shapes.generate(6000, 1000, 0, 28, 42).fingerprint());
    }

    @Test
    void valuesInUnitIntervalAndClassesBalanced() {
        Dataset d = Shapes.generate(6000, 1, 0, 28, 1).train();
        assertEquals(784, d.inputSize());
        assertEquals(10, d.classes());
        float min = 1;
        float max = 0;
        for (float v : d.features()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertTrue(max > 0.9f, "some pixels are full ink: " + max);
        for (int count : d.classCounts()) {
            assertTrue(count > 480 && count < 720, Arrays.toString(d.classCounts()));
        }
    }

    @Test
    void splitSizesAndDisjointHoldOut() {
        DataSplit whole = Shapes.generate(200, 50, 0, 28, 9);
        DataSplit split = Shapes.generate(200, 50, 40, 28, 9);
        assertEquals(160, split.train().count());
        assertEquals(40, split.validation().count());
        assertEquals(50, split.test().count());
        assertEquals(whole.test(), split.test());
        List<String> rows = rows(split.train());
        rows.addAll(rows(split.validation()));
        List<String> expected = rows(whole.train());
        rows.sort(null);
        expected.sort(null);
        assertEquals(expected, rows);
    }

    @Test
    void imagesDependOnlyOnSeedAndIndex() {
        Dataset small = Shapes.generate(50, 10, 0, 28, 5).train();
        Dataset large = Shapes.generate(100, 30, 0, 28, 5).train();
        assertEquals(small, large.head(50));
        assertEquals(Shapes.generate(10, 10, 0, 28, 5).test(), Shapes.generate(99, 30, 0, 28, 5).test().head(10));
    }

    @Test
    void otherSizesAndBadArguments() {
        Dataset d = Shapes.generate(20, 5, 0, 16, 3).train();
        assertEquals(16, d.height());
        assertEquals(256, d.inputSize());
        assertEquals(Shapes.generate(20, 5, 0, 28, 3), Shapes.generate(20, 5, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Shapes.generate(10, 5, 10, 28, 3));
        assertThrows(IllegalArgumentException.class, () -> Shapes.generate(10, 5, 0, 4, 3));
    }

    @Test
    void learnableButNotTrivial() {
        DataSplit s = Shapes.generate(6000, 1000, 0, 28, 42);
        double accuracy = NearestCentroid.fit(s.train()).accuracy(s.test());
        System.out.printf("shapes nearest-centroid test accuracy: %.3f%n", accuracy);
        assertTrue(accuracy > 0.40 && accuracy < 0.99, "nearest centroid accuracy " + accuracy);
    }

    @Test
    void generatesTenThousandQuickly() {
        Shapes.generate(1000, 1, 0, 28, 0);
        long start = System.nanoTime();
        Shapes.generate(10_000, 1, 0, 28, 1);
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.printf("shapes: generated 10,000 images in %.0f ms%n", ms);
        // Generous so a loaded build machine cannot fail it; catches only a gross slowdown.
        assertTrue(ms < 5000, ms + " ms");
    }

    private static List<String> rows(Dataset d) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < d.count(); i++) {
            int size = d.inputSize();
            rows.add(d.labels()[i] + Arrays.toString(Arrays.copyOfRange(d.features(), i * size, (i + 1) * size)));
        }
        return rows;
    }
}

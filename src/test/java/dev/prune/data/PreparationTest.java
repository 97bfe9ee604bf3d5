package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PreparationTest {
    /** Two 2-channel 1x2 images: channel 0 values 0, 1 / 2, 3; channel 1 always 5. */
    private static Dataset tiny() {
        return new Dataset("t", new float[] {0, 1, 5, 5, 2, 3, 5, 5}, new int[] {0, 1}, 2, 2, 1, 2, 2);
    }

    @Test
    void normalizationStatisticsByHand() {
        Normalization n = Normalization.of(tiny());
        // Channel 0: mean 1.5, population variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
        assertArrayEquals(new double[] {1.5, 5}, n.mean(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(1.25), 1}, n.std(), 1e-12);
        Dataset out = n.apply(tiny());
        float s = (float) Math.sqrt(1.25);
        assertArrayEquals(new float[] {-1.5f / s, -0.5f / s, 0, 0, 0.5f / s, 1.5f / s, 0, 0}, out.features(), 1e-6f);
        assertArrayEquals(new float[] {(float) (-1.5 / Math.sqrt(1.25)), -5}, n.black(), 1e-6f);
    }

    @Test
    void statisticsComeFromTheTrainingSplitOnly() {
        Dataset train = tiny();
        Dataset other = new Dataset("t", new float[] {9, 9, 9, 9}, new int[] {1}, 1, 2, 1, 2, 2);
        DataSplit raw = new DataSplit(train, other.head(0), other, "raw");
        DataSplit p = new Preparation(0, true, 0, false).apply(raw, 1);
        assertArrayEquals(new float[] {(float) (7.5 / Math.sqrt(1.25)), (float) (7.5 / Math.sqrt(1.25)), 4, 4},
                p.test().features(), 1e-5f);
        @SuppressWarnings("unchecked")
        Map<String, Object> norm = (Map<String, Object>) p.preparation().get("normalize");
        assertArrayEquals(new double[] {1.5, 5}, (double[]) norm.get("mean"), 1e-12);
        assertEquals("raw:normalize", p.fingerprint());
        assertTrue(p.augmentation().isEmpty());
    }

    private static Dataset labelled(int n, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        return new Dataset("l", new float[n], labels, n, 1, 1, 1, classes);
    }

    @Test
    void labelNoiseChangesExactlyTheRateToAnotherClassAsAFunctionOfTheSeed() {
        Dataset d = labelled(1000, 10);
        Dataset noisy = LabelNoise.apply(d, 0.2, 3);
        int changed = 0;
        int[] to = new int[10];
        for (int i = 0; i < d.count(); i++) {
            if (noisy.label(i) != d.label(i)) {
                changed++;
                to[noisy.label(i)]++;
            }
        }
        assertEquals(200, changed);
        for (int c = 0; c < 10; c++) {
            assertTrue(to[c] > 5, "noise reaches every class: " + java.util.Arrays.toString(to));
        }
        assertEquals(noisy, LabelNoise.apply(d, 0.2, 3));
        assertNotEquals(noisy, LabelNoise.apply(d, 0.2, 4));
        assertSame(d, LabelNoise.apply(d, 0, 3));
    }

    @Test
    void noiseTouchesOnlyTrainingLabelsAndIsRecorded() {
        Dataset train = labelled(50, 5);
        Dataset val = labelled(10, 5);
        Dataset test = labelled(20, 5);
        DataSplit p = new Preparation(0.2, false, 4, true).apply(new DataSplit(train, val, test, "raw"), 9);
        assertEquals(val, p.validation());
        assertEquals(test, p.test());
        assertNotEquals(train, p.train());
        assertEquals(Map.of("rate", 0.2, "flipped", 10, "of", 50), p.preparation().get("label_noise"));
        assertEquals(Map.of("crop", 4, "flip", true), p.preparation().get("augment"));
        assertEquals(new Augmentation(4, true, new float[] {0}), p.augmentation().orElseThrow());
        assertEquals("raw:noise=0.2:crop=4,flip=true", p.fingerprint());
    }

    @Test
    void nothingAskedLeavesTheSplitAsRead() {
        DataSplit raw = new DataSplit(tiny(), tiny().head(0), tiny(), "raw");
        assertSame(raw, Preparation.NONE.apply(raw, 1));
    }
}

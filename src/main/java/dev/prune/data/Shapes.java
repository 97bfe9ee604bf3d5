package dev.prune.data;

import java.util.List;

/**
 * A built-in procedural dataset that needs no files: ten classes of simple shapes drawn on a
 * 1 x size x size canvas with random position, size, stroke, slight rotation, ink level and pixel
 * noise. It is meant for quick experiments and tests: learnable by a small MLP in an epoch or two,
 * but not trivially, so pruning damage shows up in accuracy.
 *
 * <p>Every image is fully determined by (seed, part, index): the first n training images are the
 * same whatever the total requested, and the same seed gives the same bytes on every JVM.
 */
public final class Shapes {
    /** Dataset name used in {@link Dataset#name()} and fingerprints. */
    public static final String NAME = "shapes";
    /** Default canvas side in pixels, matching MNIST. */
    public static final int DEFAULT_SIZE = 28;
    /** Class names by label. */
    public static final List<String> CLASS_NAMES = List.of("square", "circle", "triangle", "plus", "ring",
            "horizontal bar", "vertical bar", "diagonal line", "x", "two dots");

    private static final int TRAIN_PART = 0;
    private static final int TEST_PART = 1;

    private Shapes() {
    }

    /** {@link #generate(int, int, int, int, long)} at the default 28x28 size. */
    public static DataSplit generate(int train, int test, int val, long seed) {
        return generate(train, test, val, DEFAULT_SIZE, seed);
    }

    /**
     * Generates {@code train} training and {@code test} test images of side {@code size}, then holds
     * out {@code val} of the training images as validation, chosen by {@link Shuffle#permutation} with
     * the seed (so the training part has train - val rows, as with {@link IdxFolder#load}).
     */
    public static DataSplit generate(int train, int test, int val, int size, long seed) {
        if (train <= 0 || test < 0 || val < 0 || val >= train) {
            throw new IllegalArgumentException("need train > 0, test >= 0 and 0 <= val < train, got train=" + train
                    + " test=" + test + " val=" + val);
        }
        if (size < 8 || size > 1024) {
            throw new IllegalArgumentException("size must be in 8..1024 pixels, got " + size);
        }
        Dataset[] parts = Shuffle.holdOut(render(train, TRAIN_PART, size, seed), val, seed);
        String fingerprint = NAME + ":seed=" + seed + ":train=" + train + ":test=" + test
                + (val > 0 ? ":val=" + val : "") + ":size=" + size;
        return new DataSplit(parts[0], parts[1], render(test, TEST_PART, size, seed), fingerprint);
    }

    private static Dataset render(int count, int part, int size, long seed) {
        int pixels = size * size;
        float[] features = new float[Math.multiplyExact(count, pixels)];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            Rng rng = Rng.forItem(seed, part, i);
            labels[i] = rng.nextInt(CLASS_NAMES.size());
            Glyphs.draw(labels[i], rng, features, i * pixels, size);
        }
        return new Dataset(NAME, features, labels, count, 1, size, size, CLASS_NAMES.size());
    }
}

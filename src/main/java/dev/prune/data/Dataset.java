package dev.prune.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An in-memory labelled image dataset; features row-major, one row per example, values in [0,1].
 *
 * <p>Arrays are shared, not copied, on construction so that 60,000-image datasets are cheap to
 * wrap; treat them as read-only. {@link #subset} and {@link #head} always copy.
 */
public record Dataset(String name, float[] features, int[] labels, int count, int channels,
                      int height, int width, int classes) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (count < 0 || channels <= 0 || height <= 0 || width <= 0 || classes <= 0) {
            throw new IllegalArgumentException("bad dataset shape: count=" + count + " channels=" + channels
                    + " height=" + height + " width=" + width + " classes=" + classes);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException(labels.length + " labels for " + count + " examples");
        }
        if ((long) features.length != (long) count * channels * height * width) {
            throw new IllegalArgumentException(features.length + " feature values for " + count
                    + " examples of " + channels + "x" + height + "x" + width);
        }
    }

    /** Values per example: channels*height*width. */
    public int inputSize() {
        return channels * height * width;
    }

    /** A copy of the given rows, in the given order (indices may repeat). */
    public Dataset subset(int[] indices) {
        int size = inputSize();
        float[] f = new float[Math.multiplyExact(indices.length, size)];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int row = Objects.checkIndex(indices[i], count);
            System.arraycopy(features, row * size, f, i * size, size);
            l[i] = labels[row];
        }
        return new Dataset(name, f, l, indices.length, channels, height, width, classes);
    }

    /** The first n rows as a copy, or all rows if n >= count. */
    public Dataset head(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("head(" + n + ")");
        }
        int m = Math.min(n, count);
        return new Dataset(name, Arrays.copyOf(features, m * inputSize()), Arrays.copyOf(labels, m),
                m, channels, height, width, classes);
    }

    /** The label of row i. */
    public int label(int i) {
        return labels[Objects.checkIndex(i, count)];
    }

    /** How many rows carry each label, indexed by class. */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    // Records compare arrays by identity; content equality is what callers mean by "same data".
    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && count == d.count && channels == d.channels && height == d.height
                && width == d.width && classes == d.classes && name.equals(d.name)
                && Arrays.equals(labels, d.labels) && Arrays.equals(features, d.features);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, count, channels, height, width, classes, Arrays.hashCode(labels));
    }

    // The default would print array identities, which helps nobody reading a log.
    @Override
    public String toString() {
        return "Dataset[" + name + ": " + count + " x " + channels + "x" + height + "x" + width
                + ", " + classes + " classes]";
    }
}

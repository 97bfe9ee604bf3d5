package dev.prune.data;

import java.util.Arrays;

/**
 * Symmetric label noise (as in the sparse double descent experiments of He et al. 2022): exactly
 * {@code round(rate * n)} training examples, chosen by a seeded permutation, get a label drawn
 * uniformly from the other classes. Exact rather than per-example coin flips so the recorded rate
 * is the rate trained on. Which examples and which labels are functions of the seed alone.
 */
public final class LabelNoise {
    /** Stream part for the new labels, apart from the parts procedural data uses. */
    private static final int PART = 7;
    /** Mixed into the seed so the noisy examples are not the ones a validation hold-out picked. */
    private static final long SALT = 0x6E6F697365L;

    private LabelNoise() {
    }

    /** How many of n examples a rate flips. */
    public static int count(double rate, int n) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("noise rate must be in 0..1, got " + rate);
        }
        return (int) Math.round(rate * n);
    }

    /** A copy of {@code train} with {@link #count} labels changed to another class. */
    public static Dataset apply(Dataset train, double rate, long seed) {
        int flips = count(rate, train.count());
        if (flips == 0 || train.classes() < 2) {
            return train;
        }
        int[] order = Shuffle.permutation(train.count(), seed ^ SALT);
        int[] labels = Arrays.copyOf(train.labels(), train.count());
        for (int k = 0; k < flips; k++) {
            int i = order[k];
            int shift = 1 + Rng.forItem(seed, PART, i).nextInt(train.classes() - 1);
            labels[i] = (labels[i] + shift) % train.classes();
        }
        return new Dataset(train.name(), train.features(), labels, train.count(), train.channels(),
                train.height(), train.width(), train.classes());
    }
}

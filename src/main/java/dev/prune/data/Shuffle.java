package dev.prune.data;

import java.util.Arrays;
import java.util.Random;

/** Seeded orderings that must be identical on every JVM so that a run can be replayed from its seed. */
public final class Shuffle {
    private Shuffle() {
    }

    /**
     * A seeded permutation of 0..n-1 by Fisher-Yates. {@link java.util.Random} is used because its
     * generator and {@code nextInt(bound)} are fixed by its specification, so the order cannot
     * change with the JDK version or vendor.
     */
    public static int[] permutation(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation of " + n + " elements");
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Holds out {@code val} rows of {@code data}, chosen by {@link #permutation}, as validation.
     * Both parts keep the original row order so that "the first rows" still means what the file says.
     *
     * @return {train, validation}
     */
    static Dataset[] holdOut(Dataset data, int val, long seed) {
        if (val < 0 || val > data.count()) {
            throw new IllegalArgumentException("cannot hold out " + val + " of " + data.count() + " rows");
        }
        int[] p = permutation(data.count(), seed);
        int[] validation = Arrays.copyOfRange(p, 0, val);
        int[] train = Arrays.copyOfRange(p, val, p.length);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new Dataset[] {data.subset(train), data.subset(validation)};
    }
}

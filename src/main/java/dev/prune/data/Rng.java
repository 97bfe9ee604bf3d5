package dev.prune.data;

/**
 * SplitMix64, written out so that generated data depends only on this file and never on a JDK's
 * choice of algorithm. Each generated image gets its own stream keyed by (seed, part, index), so
 * image i is the same whatever the requested counts are.
 */
final class Rng {
    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    /** An independent stream for one item of one part of a seeded collection. */
    static Rng forItem(long seed, int part, int index) {
        return new Rng(mix(mix(seed ^ 0x632BE59BD9B4E019L * (part + 1)) + index));
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform in [0, bound); the tiny modulo bias is irrelevant for picking shapes. */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) % bound);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

package dev.prune.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Random crop with zero padding and horizontal flip, the CIFAR augmentation of He et al. 2016:
 * the image is padded by {@code crop} pixels on each side, a window of its own size is cut at a
 * uniform offset, then mirrored left-right with probability 1/2. What an example gets is a function
 * of a key (the engine passes the epoch's data seed, itself a function of the run's seed and the
 * epoch) and the example's row in the training split, so resuming or replaying a run gives the same
 * images. Padding takes {@code fill[c]}: the value a black pixel has after normalisation, which is
 * what padding before normalising (as torchvision pipelines do) amounts to.
 */
public record Augmentation(int crop, boolean flip, float[] fill) {
    /** Stream part of the per-example draws, apart from the parts other seeded data uses. */
    private static final int PART = 11;

    public Augmentation {
        if (crop < 0) {
            throw new IllegalArgumentException("crop must be >= 0, got " + crop);
        }
        fill = fill.clone();
    }

    /** True when this changes nothing and the engine can skip it. */
    public boolean none() {
        return crop == 0 && !flip;
    }

    /** The shift (dy, dx) in -crop..crop and whether to mirror, for one example under one key. */
    int[] draw(long key, int index) {
        Rng rng = Rng.forItem(key, PART, index);
        int dy = crop == 0 ? 0 : rng.nextInt(2 * crop + 1) - crop;
        int dx = crop == 0 ? 0 : rng.nextInt(2 * crop + 1) - crop;
        int mirror = flip && rng.nextDouble() < 0.5 ? 1 : 0;
        return new int[] {dy, dx, mirror};
    }

    /**
     * Writes the augmented image of training row {@code index} into dst: {@code dst[c][y][x] =
     * src[c][y + dy][x' + dx]} with {@code x' = w - 1 - x} when mirrored, {@code fill[c]} outside.
     * Both arrays hold one channel-major image of channels x h x w.
     */
    public void apply(float[] src, float[] dst, int channels, int h, int w, long key, int index) {
        if (fill.length != channels) {
            throw new IllegalArgumentException(fill.length + " fill values for " + channels + " channels");
        }
        int[] d = draw(key, index);
        int dy = d[0];
        int dx = d[1];
        boolean mirror = d[2] == 1;
        for (int c = 0; c < channels; c++) {
            int plane = c * h * w;
            for (int y = 0; y < h; y++) {
                int sy = y + dy;
                for (int x = 0; x < w; x++) {
                    int sx = (mirror ? w - 1 - x : x) + dx;
                    dst[plane + y * w + x] = sy < 0 || sy >= h || sx < 0 || sx >= w
                            ? fill[c] : src[plane + sy * w + sx];
                }
            }
        }
    }

    /** What the manifest records. */
    public Map<String, Object> record() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("crop", crop);
        m.put("flip", flip);
        return m;
    }

    // Records compare arrays by identity.
    @Override
    public boolean equals(Object o) {
        return o instanceof Augmentation a && crop == a.crop && flip == a.flip && Arrays.equals(fill, a.fill);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * crop + Boolean.hashCode(flip)) + Arrays.hashCode(fill);
    }

    @Override
    public String toString() {
        return "Augmentation[crop=" + crop + ", flip=" + flip + "]";
    }
}

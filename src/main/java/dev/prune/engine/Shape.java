package dev.prune.engine;

/**
 * The shape of one example's tensor at a node: channels × height × width for feature maps, or a
 * vector of {@code channels} values ({@code flat}).
 */
public record Shape(int channels, int height, int width, boolean flat) {

    public static Shape map(int channels, int height, int width) {
        return new Shape(channels, height, width, false);
    }

    public static Shape vector(int size) {
        return new Shape(size, 1, 1, true);
    }

    public int size() {
        return channels * height * width;
    }

    /** Positions per channel: height × width. */
    public int positions() {
        return height * width;
    }

    @Override
    public String toString() {
        return flat ? String.valueOf(channels) : channels + "x" + height + "x" + width;
    }
}

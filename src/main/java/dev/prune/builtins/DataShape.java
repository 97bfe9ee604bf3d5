package dev.prune.builtins;

/** What a dataset looks like, known without loading it: models are sized from this. */
public record DataShape(int channels, int height, int width, int classes) {
    public int inputSize() {
        return channels * height * width;
    }
}

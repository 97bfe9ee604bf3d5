package dev.prune.engine;

/**
 * One layer with weights, as far as pruning cares. Weight tensors cross the engine boundary as
 * flat float arrays grouped by output unit: element (unit u, fan-in position j) is at
 * {@code u * fanIn() + j}. For dense layers fan-in is nIn; for conv layers nIn * kernel * kernel.
 *
 * @param inputHeight for conv layers the height (= width) of the input feature map, else 1
 * @param poolAfter   side of the max-pooling window after this conv layer (0 for none)
 * @param padding     zero padding on each side (conv only)
 */
public record LayerSpec(String name, LayerKind kind, int nIn, int nOut, int kernel, int padding,
                        int poolAfter, int inputHeight, String activation) {

    public static LayerSpec dense(String name, int nIn, int nOut, String activation) {
        return new LayerSpec(name, LayerKind.DENSE, nIn, nOut, 1, 0, 0, 1, activation);
    }

    public static LayerSpec output(String name, int nIn, int nOut) {
        return new LayerSpec(name, LayerKind.OUTPUT, nIn, nOut, 1, 0, 0, 1, "softmax");
    }

    public static LayerSpec conv(String name, int nIn, int nOut, int kernel, int padding,
                                 int poolAfter, int inputHeight, String activation) {
        return new LayerSpec(name, LayerKind.CONV, nIn, nOut, kernel, padding, poolAfter, inputHeight, activation);
    }

    public int fanIn() {
        return kind == LayerKind.CONV ? nIn * kernel * kernel : nIn;
    }

    public int weightCount() {
        return fanIn() * nOut;
    }

    /** Height (= width) of this layer's output before pooling. */
    public int outputHeight() {
        return kind == LayerKind.CONV ? inputHeight + 2 * padding - kernel + 1 : 1;
    }

    /** Multiply-adds per example of the dense layer: what theoretical speed-up divides. */
    public long flopsPerWeight() {
        return kind == LayerKind.CONV ? (long) outputHeight() * outputHeight() : 1L;
    }
}

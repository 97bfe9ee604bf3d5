package dev.prune.engine;

/**
 * One layer with weights (a weighted node of the graph), as far as pruning cares. Weight tensors
 * cross the engine boundary as flat float arrays grouped by output unit: element (unit u, fan-in
 * position j) is at {@code u * fanIn() + j}. For dense layers fan-in is nIn; for conv layers
 * (nIn / groups) * kernel * kernel.
 *
 * <p>A {@link NetworkSpec} derives these from its nodes; the nine-argument form describes a layer
 * of a sequential network (stride 1, one group, with bias), which {@link NetworkSpec#sequential}
 * turns into nodes.
 *
 * @param inputHeight for conv layers the height (= width) of the input feature map, else 1
 * @param poolAfter   side of the max-pooling window right after this conv layer (0 for none)
 * @param padding     zero padding on each side (conv only)
 * @param stride      conv stride (1 otherwise)
 * @param groups      conv groups (1 otherwise; nIn for a depthwise conv)
 * @param bias        whether the layer has a bias
 */
public record LayerSpec(String name, LayerKind kind, int nIn, int nOut, int kernel, int padding,
                        int poolAfter, int inputHeight, String activation, int stride, int groups, boolean bias) {

    public LayerSpec(String name, LayerKind kind, int nIn, int nOut, int kernel, int padding, int poolAfter,
                     int inputHeight, String activation) {
        this(name, kind, nIn, nOut, kernel, padding, poolAfter, inputHeight, activation, 1, 1, true);
    }

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
        return kind == LayerKind.CONV ? nIn / groups * kernel * kernel : nIn;
    }

    public int weightCount() {
        return fanIn() * nOut;
    }

    /** Height (= width) of this layer's output before pooling: stride and padding included. */
    public int outputHeight() {
        return kind == LayerKind.CONV ? (inputHeight + 2 * padding - kernel) / stride + 1 : 1;
    }

    /** Multiply-adds per weight and example: one per output position of a conv, one for a dense layer. */
    public long flopsPerWeight() {
        return kind == LayerKind.CONV ? (long) outputHeight() * outputHeight() : 1L;
    }
}

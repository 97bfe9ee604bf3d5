package dev.prune.engine;

import java.util.List;

/**
 * One named node of the network graph and the nodes it reads. The network's input is the node
 * name {@value NetworkSpec#INPUT}. Fields that do not apply to a kind are 0, false or empty.
 *
 * @param units      outputs: neurons of a dense layer, filters of a conv, channels after a zero-pad shortcut
 * @param kernel     side of a conv kernel or pooling window
 * @param stride     stride of a conv, pooling window or zero-pad shortcut
 * @param padding    zero padding on each side (conv, pooling)
 * @param bias       whether a dense or conv layer has a bias
 * @param groups     conv groups: 1 for a plain conv, the input channels for a depthwise one
 * @param activation activation of a dense, conv or activation node ("identity" for none); for a kept
 *                   node, the DL4J layer class it runs
 * @param rate       dropout rate of a dropout node
 * @param layer      a kept node's DL4J layer configuration as the model file holds it (JSON); empty otherwise
 */
public record Node(String name, NodeKind kind, List<String> inputs, int units, int kernel, int stride,
                   int padding, boolean bias, int groups, String activation, double rate, String layer) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public Node {
        inputs = List.copyOf(inputs);
        activation = activation == null ? "" : activation;
        layer = layer == null ? "" : layer;
    }

    /** A node of any kind but {@link NodeKind#KEPT}. */
    public Node(String name, NodeKind kind, List<String> inputs, int units, int kernel, int stride, int padding,
                boolean bias, int groups, String activation, double rate) {
        this(name, kind, inputs, units, kernel, stride, padding, bias, groups, activation, rate, "");
    }

    /**
     * A layer of a model file that Prune runs as saved and never prunes. Its output has the input's
     * shape when {@code units} is 0, one value per input channel when it is -1 (global pooling), else
     * {@code units} channels (or features, on a flat input); a {@code kernel} above 0 slides a
     * window with {@code stride} and {@code padding} as a conv does.
     *
     * @param type  the DL4J layer's class, as shown to the user
     * @param layer the DL4J layer configuration (JSON) the engine builds it from
     */
    public static Node kept(String name, String input, String type, int units, int kernel, int stride, int padding,
                            String layer) {
        return new Node(name, NodeKind.KEPT, List.of(input), units, kernel, stride, padding, false, 1, type, 0, layer);
    }

    /** For a kept node: the DL4J layer class it runs as saved (e.g. {@code ActivationLayer}). */
    public String keptType() {
        return kind == NodeKind.KEPT ? activation : "";
    }

    public static Node dense(String name, String input, int units, String activation) {
        return new Node(name, NodeKind.DENSE, List.of(input), units, 0, 0, 0, true, 1, activation, 0);
    }

    public static Node output(String name, String input, int classes) {
        return new Node(name, NodeKind.OUTPUT, List.of(input), classes, 0, 0, 0, true, 1, "softmax", 0);
    }

    public static Node conv(String name, String input, int filters, int kernel, int stride, int padding,
                            boolean bias, String activation) {
        return new Node(name, NodeKind.CONV, List.of(input), filters, kernel, stride, padding, bias, 1, activation, 0);
    }

    /** A depthwise convolution: one filter per input channel ({@code channels} of them). */
    public static Node depthwise(String name, String input, int channels, int kernel, int stride, int padding) {
        return new Node(name, NodeKind.CONV, List.of(input), channels, kernel, stride, padding, false, channels,
                "identity", 0);
    }

    public static Node batchNorm(String name, String input) {
        return new Node(name, NodeKind.BATCH_NORM, List.of(input), 0, 0, 0, 0, false, 1, "", 0);
    }

    public static Node activation(String name, String input, String activation) {
        return new Node(name, NodeKind.ACTIVATION, List.of(input), 0, 0, 0, 0, false, 1, activation, 0);
    }

    public static Node maxPool(String name, String input, int kernel, int stride) {
        return new Node(name, NodeKind.MAX_POOL, List.of(input), 0, kernel, stride, 0, false, 1, "", 0);
    }

    public static Node avgPool(String name, String input, int kernel, int stride) {
        return new Node(name, NodeKind.AVG_POOL, List.of(input), 0, kernel, stride, 0, false, 1, "", 0);
    }

    public static Node globalAvgPool(String name, String input) {
        return new Node(name, NodeKind.GLOBAL_AVG_POOL, List.of(input), 0, 0, 0, 0, false, 1, "", 0);
    }

    public static Node flatten(String name, String input) {
        return new Node(name, NodeKind.FLATTEN, List.of(input), 0, 0, 0, 0, false, 1, "", 0);
    }

    public static Node add(String name, List<String> inputs) {
        return new Node(name, NodeKind.ADD, inputs, 0, 0, 0, 0, false, 1, "", 0);
    }

    /** Option-A shortcut: subsample by {@code stride}, then pad the channels with zeros up to {@code channels}. */
    public static Node zeroPad(String name, String input, int channels, int stride) {
        return new Node(name, NodeKind.ZERO_PAD, List.of(input), channels, 0, stride, 0, false, 1, "", 0);
    }

    public static Node dropout(String name, String input, double rate) {
        return new Node(name, NodeKind.DROPOUT, List.of(input), 0, 0, 0, 0, false, 1, "", rate);
    }

    public String input() {
        return inputs.get(0);
    }

    /** The same node with another number of outputs (a smaller layer after compaction). */
    public Node withUnits(int n) {
        return new Node(name, kind, inputs, n, kernel, stride, padding, bias, groups == units && groups > 1 ? n : groups,
                activation, rate, layer);
    }
}

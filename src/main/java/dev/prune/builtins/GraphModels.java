package dev.prune.builtins;

import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Node;
import dev.prune.engine.WeightInit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CIFAR-style convolutional networks of the pruning papers, as graphs. Each adapts its first
 * layer to the data's channels and its pooling to the image size (global average pooling before
 * the classifier), so 1-channel 28x28 images work as well as 3-channel 32x32 ones.
 */
public final class GraphModels {
    private GraphModels() {}

    /** The lottery-ticket and S-Cyc VGG configurations: filters, and 0 for a 2x2 max pooling. */
    private static final Map<Integer, int[]> VGG = Map.of(
            11, new int[] {64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512},
            13, new int[] {64, 64, 0, 128, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512},
            16, new int[] {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512},
            19, new int[] {64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512});

    /** Conv-2/4/6 of Frankle & Carbin 2019: pairs of 3x3 convs then a 2x2 max pooling; dense 256, 256. */
    private static final int[] CONV_WIDTHS = {64, 128, 256};

    /**
     * He et al. 2016's CIFAR ResNet: a 3x3 stem of 16 filters, three stages of n basic blocks with
     * 16, 32 and 64 filters (depth = 6n + 2), the first block of stages 2 and 3 with stride 2,
     * global average pooling and a dense classifier. Convs have no bias (batch norm follows).
     *
     * @param projection option B (1x1 conv and batch norm) where a shortcut changes shape, instead
     *                   of option A (subsample and pad with zero channels)
     */
    public static NetworkSpec resnet(DataShape shape, int depth, boolean projection) {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("resnet has no depth " + depth
                    + "; its depth is 6n + 2: 20, 32, 44, 56, 110 (or 8, 14, ...)");
        }
        int n = (depth - 2) / 6;
        List<Node> nodes = new ArrayList<>();
        String x = convBnRelu(nodes, "stem", NetworkSpec.INPUT, 16, 1);
        int channels = 16;
        for (int stage = 1; stage <= 3; stage++) {
            int width = 16 << (stage - 1);
            for (int b = 1; b <= n; b++) {
                String p = "stage" + stage + ".block" + b + ".";
                int stride = stage > 1 && b == 1 ? 2 : 1;
                String h = convBnRelu(nodes, p + "conv1", x, width, stride);
                nodes.add(Node.conv(p + "conv2", h, width, 3, 1, 1, false, "identity"));
                nodes.add(Node.batchNorm(p + "conv2_bn", p + "conv2"));
                String shortcut = x;
                if (stride != 1 || width != channels) {
                    if (projection) {
                        nodes.add(Node.conv(p + "shortcut", x, width, 1, stride, 0, false, "identity"));
                        nodes.add(Node.batchNorm(p + "shortcut_bn", p + "shortcut"));
                        shortcut = p + "shortcut_bn";
                    } else {
                        nodes.add(Node.zeroPad(p + "shortcut", x, width, stride));
                        shortcut = p + "shortcut";
                    }
                }
                nodes.add(Node.add(p + "add", List.of(p + "conv2_bn", shortcut)));
                nodes.add(Node.activation(p + "relu", p + "add", "relu"));
                x = p + "relu";
                channels = width;
            }
        }
        nodes.add(Node.globalAvgPool("pool", x));
        nodes.add(Node.output("fc", "pool", shape.classes()));
        return new NetworkSpec("resnet" + depth, shape.channels(), shape.height(), shape.width(), nodes)
                .withInit(WeightInit.HE);
    }

    /**
     * The CIFAR VGG of the lottery-ticket code: 3x3 convs (padding 1) with batch norm and ReLU, 2x2
     * max pooling, then average pooling to one value per channel (the code's 2x2 average pooling
     * on 32x32 images) and a dense classifier. Without batch norm the convs have a bias and ReLU.
     */
    public static NetworkSpec vgg(DataShape shape, int depth, boolean bn) {
        int[] plan = VGG.get(depth);
        if (plan == null) {
            throw new IllegalArgumentException("vgg has no depth " + depth + "; choose 11, 13, 16 or 19");
        }
        List<Node> nodes = new ArrayList<>();
        String x = NetworkSpec.INPUT;
        int conv = 0;
        int pool = 0;
        for (int filters : plan) {
            if (filters == 0) {
                String name = "pool" + ++pool;
                nodes.add(Node.maxPool(name, x, 2, 2));
                x = name;
            } else if (bn) {
                x = convBnRelu(nodes, "conv" + ++conv, x, filters, 1);
            } else {
                String name = "conv" + ++conv;
                nodes.add(Node.conv(name, x, filters, 3, 1, 1, true, "relu"));
                x = name;
            }
        }
        nodes.add(Node.globalAvgPool("avgpool", x));
        nodes.add(Node.output("fc", "avgpool", shape.classes()));
        return new NetworkSpec("vgg" + depth, shape.channels(), shape.height(), shape.width(), nodes)
                .withInit(WeightInit.HE);
    }

    /** Conv-2, Conv-4 or Conv-6 of the lottery-ticket paper: ReLU convs with bias, dense 256, 256, output. */
    public static NetworkSpec conv(DataShape shape, int layers) {
        if (layers != 2 && layers != 4 && layers != 6) {
            throw new IllegalArgumentException("conv has no " + layers + "-layer form; choose 2, 4 or 6");
        }
        List<Node> nodes = new ArrayList<>();
        String x = NetworkSpec.INPUT;
        for (int pair = 0; pair < layers / 2; pair++) {
            for (int k = 1; k <= 2; k++) {
                String name = "conv" + (2 * pair + k);
                nodes.add(Node.conv(name, x, CONV_WIDTHS[pair], 3, 1, 1, true, "relu"));
                x = name;
            }
            String name = "pool" + (pair + 1);
            nodes.add(Node.maxPool(name, x, 2, 2));
            x = name;
        }
        nodes.add(Node.dense("fc1", x, 256, "relu"));
        nodes.add(Node.dense("fc2", "fc1", 256, "relu"));
        nodes.add(Node.output("out", "fc2", shape.classes()));
        return new NetworkSpec("conv" + layers, shape.channels(), shape.height(), shape.width(), nodes);
    }

    /** A 3x3 conv without bias, batch norm and ReLU; returns the ReLU's name. */
    private static String convBnRelu(List<Node> nodes, String name, String input, int filters, int stride) {
        nodes.add(Node.conv(name, input, filters, 3, stride, 1, false, "identity"));
        String bn = name + "_bn";
        nodes.add(Node.batchNorm(bn, name));
        String relu = name + "_relu";
        nodes.add(Node.activation(relu, bn, "relu"));
        return relu;
    }
}

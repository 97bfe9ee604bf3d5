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
        return vgg(shape, depth, bn, 1);
    }

    /**
     * The VGG with every conv's filters scaled by {@code width} (at least one filter), the same
     * graph at a fraction of the cost: width 0.125 has 8 to 64 filters and 1/64 of the weights.
     */
    public static NetworkSpec vgg(DataShape shape, int depth, boolean bn, double width) {
        if (!(width > 0 && width <= 4)) {
            throw new IllegalArgumentException("vgg's width scales its filters: above 0 and at most 4, not " + width);
        }
        int[] plan = VGG.get(depth);
        if (plan == null) {
            throw new IllegalArgumentException("vgg has no depth " + depth + "; choose 11, 13, 16 or 19");
        }
        List<Node> nodes = new ArrayList<>();
        String x = NetworkSpec.INPUT;
        int conv = 0;
        int pool = 0;
        for (int planned : plan) {
            int filters = planned == 0 ? 0 : Math.max(1, (int) Math.round(planned * width));
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

    /**
     * MobileNetV2's inverted-residual table (Sandler et al. 2018, table 2): expansion t, output
     * channels c, repeats n, stride s of the first block. The CIFAR variant (as in the widely used
     * pytorch-cifar code) has stride 1 in the second row and in the stem, since 32x32 images are
     * small.
     */
    private static final int[][] MOBILENET_V2 = {
            {1, 16, 1, 1}, {6, 24, 2, 1}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};

    /**
     * MobileNetV2 for CIFAR-sized images: a 3x3 stem of 32 filters with stride 1, 17 inverted
     * residual blocks (1x1 expansion to t times the channels, 3x3 depthwise conv with the block's
     * stride, 1x1 linear projection, each followed by batch norm, ReLU after the first two; the first
     * block of a row keeps its expansion conv even for t = 1, as the CIFAR code does), a 1x1 conv to
     * 1280 channels, global average pooling and a dense classifier. A block with stride 1 adds its
     * input: as it is when the channels match, through a 1x1 conv and batch norm when not (the
     * CIFAR code's shortcut); a stride-2 block has no shortcut. ReLU stands in for ReLU6, as in the
     * CIFAR code: they differ only above 6, and a clipped ReLU would stop SynFlow's flow, whose
     * values on an input of ones are far above 6.
     */
    public static NetworkSpec mobilenetV2(DataShape shape) {
        return mobilenetV2(shape, 1);
    }

    /**
     * MobileNetV2 with every conv's channels scaled by {@code width} (at least one), the paper's
     * width multiplier; unlike the paper, the last conv's 1280 scales too, so that a small width
     * makes a small network.
     */
    public static NetworkSpec mobilenetV2(DataShape shape, double width) {
        if (!(width > 0 && width <= 4)) {
            throw new IllegalArgumentException("mobilenet_v2's width scales its channels: above 0 and at most 4, not "
                    + width);
        }
        List<Node> nodes = new ArrayList<>();
        int stem = scaled(32, width);
        String x = convBn(nodes, "stem", NetworkSpec.INPUT, stem, 3, true);
        int channels = stem;
        int block = 0;
        for (int[] row : MOBILENET_V2) {
            for (int i = 0; i < row[2]; i++) {
                String p = "block" + ++block + ".";
                int stride = i == 0 ? row[3] : 1;
                int planes = row[0] * channels;
                int outputs = scaled(row[1], width);
                String h = convBn(nodes, p + "expand", x, planes, 1, true);
                nodes.add(Node.depthwise(p + "dw", h, planes, 3, stride, 1));
                nodes.add(Node.batchNorm(p + "dw_bn", p + "dw"));
                nodes.add(Node.activation(p + "dw_relu", p + "dw_bn", "relu"));
                String out = convBn(nodes, p + "project", p + "dw_relu", outputs, 1, false);
                if (stride == 1) {
                    String shortcut = x;
                    if (channels != outputs) {
                        shortcut = convBn(nodes, p + "shortcut", x, outputs, 1, false);
                    }
                    nodes.add(Node.add(p + "add", List.of(out, shortcut)));
                    out = p + "add";
                }
                x = out;
                channels = outputs;
            }
        }
        x = convBn(nodes, "head", x, scaled(1280, width), 1, true);
        nodes.add(Node.globalAvgPool("pool", x));
        nodes.add(Node.output("fc", "pool", shape.classes()));
        // He's Gaussian, as for the ResNet and VGG (torchvision's MobileNetV2 draws Kaiming-normal too).
        return new NetworkSpec("mobilenet_v2", shape.channels(), shape.height(), shape.width(), nodes)
                .withInit(WeightInit.HE);
    }

    private static int scaled(int channels, double width) {
        return Math.max(1, (int) Math.round(channels * width));
    }

    /** A conv without bias (1x1, or 3x3 with padding 1) and batch norm, then ReLU when asked; returns the last node's name. */
    private static String convBn(List<Node> nodes, String name, String input, int filters, int kernel,
                                        boolean relu) {
        nodes.add(Node.conv(name, input, filters, kernel, 1, kernel / 2, false, "identity"));
        String bn = name + "_bn";
        nodes.add(Node.batchNorm(bn, name));
        if (!relu) {
            return bn;
        }
        String out = name + "_relu";
        nodes.add(Node.activation(out, bn, "relu"));
        return out;
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

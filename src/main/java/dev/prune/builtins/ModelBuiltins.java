package dev.prune.builtins;

import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/** The model zoo: LeNet-300-100, MLPs of given widths, LeNet-5, and the CIFAR-style ResNets, VGGs and Conv-2/4/6. */
final class ModelBuiltins {
    private ModelBuiltins() {}

    static void register(Registry r) {
        r.add(new Builtin<ModelFactory>("lenet_300_100", Kind.MODEL, List.of(), null,
                "fully connected 300-100 network with ReLU (layers fc1, fc2, out)",
                "LeCun et al. 1998; Frankle & Carbin 2019", args -> shape -> mlp("lenet_300_100",
                        shape, List.of(300, 100), "relu")));
        r.add(new Builtin<ModelFactory>("mlp", Kind.MODEL, List.of(
                Param.of("widths", Type.NUMBERS, null, "all layer widths, input first and classes last, e.g. 784, 300, 100, 10"),
                Param.of("activation", Type.STRING, new Value.Str("relu"), "hidden activation: relu, tanh, sigmoid")),
                "widths", "fully connected network with the given layer widths (layers fc1.., out)", "",
                args -> shape -> mlpFromWidths(shape, args.numbers("widths"), args.string("activation"))));
        r.add(new Builtin<ModelFactory>("lenet5", Kind.MODEL, List.of(
                Param.of("activation", Type.STRING, new Value.Str("relu"), "activation of every hidden layer")),
                null, "small CNN: conv 5x5 (6) + pool, conv 5x5 (16) + pool, dense 120, 84 (conv1, conv2, fc1, fc2, out)",
                "LeCun et al. 1998", args -> shape -> lenet5(shape, args.string("activation"))));
        r.add(new Builtin<ModelFactory>("resnet", Kind.MODEL, List.of(
                Param.of("depth", Type.INT, Value.Num.of(20), "6n + 2 layers: 20, 32, 44, 56 or 110"),
                Param.of("shortcut", Type.STRING, new Value.Str("zeros"),
                        "where a block changes shape: \"zeros\" (option A) or \"projection\" (option B, 1x1 conv)")),
                "depth", "CIFAR ResNet: 3x3 stem (16), three stages of basic blocks (16, 32, 64 filters) with batch norm, "
                        + "global average pooling, dense classifier (stem, stage1.block1.conv1, ..., fc)",
                "He et al. 2016", args -> shape -> GraphModels.resnet(shape, args.integer("depth"),
                        shortcut(args.string("shortcut")))));
        r.add(new Builtin<ModelFactory>("vgg", Kind.MODEL, List.of(
                Param.of("depth", Type.INT, Value.Num.of(19), "11, 13, 16 or 19"),
                Param.of("bn", Type.BOOL, new Value.Bool(true), "batch norm after every conv"),
                Param.of("width", Type.NUMBER, Value.Num.of(1), "factor on every conv's filters (0.125: 8 to 64)")
                        .range(0.01, 4)),
                "depth", "CIFAR VGG: 3x3 convs (64 to 512 filters) with 2x2 max pooling, average pooling, "
                        + "dense classifier (conv1, ..., fc)",
                "Simonyan & Zisserman 2015; Frankle & Carbin 2019", args -> shape -> GraphModels.vgg(shape,
                        args.integer("depth"), args.bool("bn"), args.number("width"))));
        r.add(new Builtin<ModelFactory>("conv", Kind.MODEL, List.of(
                Param.of("layers", Type.INT, Value.Num.of(2), "conv layers: 2, 4 or 6")),
                "layers", "the lottery ticket's Conv-2/4/6: pairs of 3x3 convs (64, 128, 256) with 2x2 max pooling, "
                        + "dense 256, 256 (conv1, ..., fc1, fc2, out)",
                "Frankle & Carbin 2019", args -> shape -> GraphModels.conv(shape, args.integer("layers"))));
        r.add(new Builtin<ModelFactory>("mobilenet_v2", Kind.MODEL, List.of(
                Param.of("width", Type.NUMBER, Value.Num.of(1), "width multiplier on every conv's channels "
                        + "(the last conv's 1280 too)").range(0.01, 4)), null,
                "CIFAR MobileNetV2: 3x3 stem (32), 17 inverted-residual blocks (1x1 expansion, 3x3 depthwise, "
                        + "1x1 projection, batch norm) with stride 1 in the stem and the second stage, 1x1 conv "
                        + "(1280), global average pooling, dense classifier (stem, block1.expand, ..., head, fc)",
                "Sandler et al. 2018", args -> shape -> GraphModels.mobilenetV2(shape, args.number("width"))));
    }

    private static boolean shortcut(String kind) {
        return switch (kind) {
            case "zeros" -> false;
            case "projection" -> true;
            default -> throw new IllegalArgumentException("resnet's shortcut is \"zeros\" or \"projection\", not \""
                    + kind + "\"");
        };
    }

    /** Widest layer an mlp may have. */
    static final int MAX_WIDTH = 1_000_000;
    /** Weights, gradients and two optimizer moments, 4 bytes each: what training holds per weight. */
    private static final long BYTES_PER_WEIGHT = 16;
    private static final double GIB = 1024.0 * 1024 * 1024;

    /** Physical memory, or 0 when the JVM cannot say. */
    private static long machineMemory() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    static NetworkSpec mlpFromWidths(DataShape shape, List<Double> widths, String activation) {
        if (widths.size() < 2) {
            throw new IllegalArgumentException("mlp needs at least the input width and the number of classes");
        }
        long weights = 0;
        for (int i = 0; i < widths.size(); i++) {
            double w = widths.get(i);
            if (w != Math.rint(w) || w < 1 || w > MAX_WIDTH) {
                throw new IllegalArgumentException("mlp's widths are whole numbers from 1 to " + MAX_WIDTH + ", got "
                        + Format.number(w));
            }
            weights += i == 0 ? 0 : (long) (widths.get(i - 1) * w);
        }
        long bytes = weights * BYTES_PER_WEIGHT;
        long machine = machineMemory();
        if (machine > 0 && bytes > machine) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "mlp has %,d weights, which "
                    + "need about %.0f GiB to train, more than this machine's memory", weights, bytes / GIB));
        }
        int first = widths.get(0).intValue();
        int last = widths.get(widths.size() - 1).intValue();
        if (first != shape.inputSize()) {
            throw new IllegalArgumentException("mlp's first width is " + first + " but the data has "
                    + shape.inputSize() + " inputs per example");
        }
        if (last != shape.classes()) {
            throw new IllegalArgumentException("mlp's last width is " + last + " but the data has "
                    + shape.classes() + " classes");
        }
        List<Integer> hidden = new ArrayList<>();
        for (double w : widths.subList(1, widths.size() - 1)) {
            hidden.add((int) w);
        }
        return mlp("mlp", shape, hidden, activation);
    }

    static NetworkSpec mlp(String name, DataShape shape, List<Integer> hidden, String activation) {
        List<LayerSpec> layers = new ArrayList<>();
        int in = shape.inputSize();
        for (int i = 0; i < hidden.size(); i++) {
            layers.add(LayerSpec.dense("fc" + (i + 1), in, hidden.get(i), activation));
            in = hidden.get(i);
        }
        layers.add(LayerSpec.output("out", in, shape.classes()));
        return NetworkSpec.sequential(name, shape.channels(), shape.height(), shape.width(), layers);
    }

    static NetworkSpec lenet5(DataShape shape, String activation) {
        if (shape.height() != shape.width() || shape.height() < 16) {
            throw new IllegalArgumentException("lenet5 needs square images of at least 16x16, the data has "
                    + shape.height() + "x" + shape.width());
        }
        int side = shape.height();
        LayerSpec conv1 = LayerSpec.conv("conv1", shape.channels(), 6, 5, 2, 2, side, activation);
        int afterPool1 = conv1.outputHeight() / 2;
        LayerSpec conv2 = LayerSpec.conv("conv2", 6, 16, 5, 0, 2, afterPool1, activation);
        int afterPool2 = conv2.outputHeight() / 2;
        int flat = 16 * afterPool2 * afterPool2;
        List<LayerSpec> layers = List.of(conv1, conv2,
                LayerSpec.dense("fc1", flat, 120, activation),
                LayerSpec.dense("fc2", 120, 84, activation),
                LayerSpec.output("out", 84, shape.classes()));
        return NetworkSpec.sequential("lenet5", shape.channels(), side, side, layers);
    }
}

package dev.prune.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network saved by DL4J's {@code ModelSerializer} from the user's own code, read from the
 * {@code configuration.json} entry (DL4J's Jackson form of a {@code MultiLayerConfiguration} or
 * {@code ComputationGraphConfiguration}) as a plain JSON tree, so that checking never starts ND4J.
 *
 * <p>Each layer or vertex Prune knows becomes a {@link Node} named as DL4J names it (the layer
 * name; a layer list's unnamed layers are {@code layer0}, {@code layer1}, ... as DL4J names them),
 * and the engine copies the file's parameters into the graph it builds by those names. A layer
 * Prune cannot prune but whose output shape it can follow (a leaky-ReLU activation or dense layer, a
 * dilated conv, ...) is a {@link NodeKind#KEPT} node: run as saved, never pruned. A layer whose
 * shape Prune cannot follow (recurrent layers, upsampling, ...), an output other than softmax
 * with cross-entropy, or several inputs or outputs refuse the file with a sentence naming the
 * layer: a network is run as a whole or not at all. The input shape comes from the configuration where it says one (a flat-to-image
 * preprocessor), else from the data.
 */
public final class ImportedModel {
    private static final String LAYERS = "org.deeplearning4j.nn.conf.layers.";
    private static final String ACTIVATIONS = "org.nd4j.linalg.activations.impl.Activation";

    private final String file;
    private final boolean layerList;
    private final List<Node> nodes;
    /** The input shape the configuration declares (channels, height, width), or null. */
    private final int[] input;
    /** Inputs (dense) or input channels (conv) each weighted node was saved with. */
    private final Map<String, Integer> savedIn;

    private ImportedModel(String file, boolean layerList, List<Node> nodes, int[] input, Map<String, Integer> savedIn) {
        this.file = file;
        this.layerList = layerList;
        this.nodes = List.copyOf(nodes);
        this.input = input;
        this.savedIn = Map.copyOf(savedIn);
    }

    /** A layer or vertex that cannot be imported; the message is the reason, the caller adds the file. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** The layers run as saved and never pruned, as "name (DL4J class)". */
    public List<String> kept() {
        return nodes.stream().filter(n -> n.kind() == NodeKind.KEPT).map(n -> n.name() + " (" + n.keptType() + ")")
                .toList();
    }

    /** True for a {@code MultiLayerNetwork}'s configuration, false for a {@code ComputationGraph}'s. */
    public boolean layerList() {
        return layerList;
    }

    /** Reads a configuration tree; {@code file} is the path as shown in messages. */
    static ImportedModel parse(String file, JsonNode root) throws Refused {
        if (root.has("confs")) {
            return layerList(file, root);
        }
        if (root.has("vertices")) {
            return graph(file, root);
        }
        throw new Refused("its configuration.json is neither a MultiLayerNetwork's nor a ComputationGraph's");
    }

    private static ImportedModel layerList(String file, JsonNode root) throws Refused {
        List<Node> nodes = new ArrayList<>();
        Map<String, Integer> savedIn = new LinkedHashMap<>();
        int[] input = null;
        String previous = NetworkSpec.INPUT;
        JsonNode confs = root.get("confs");
        JsonNode pre = root.path("inputPreProcessors");
        for (int i = 0; i < confs.size(); i++) {
            JsonNode layer = confs.get(i).path("layer");
            String name = layer.path("layerName").asText("layer" + i);
            JsonNode p = pre.path(String.valueOf(i));
            if (!p.isMissingNode() && !p.isNull()) {
                int[] shape = preprocessor(name, p);
                if (shape != null && i == 0) {
                    input = shape;
                }
            }
            previous = layer(nodes, savedIn, name, layer, List.of(previous), i == confs.size() - 1);
        }
        return new ImportedModel(file, true, nodes, input, savedIn);
    }

    private static ImportedModel graph(String file, JsonNode root) throws Refused {
        List<String> inputs = strings(root.path("networkInputs"));
        List<String> outputs = strings(root.path("networkOutputs"));
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new Refused("it has " + inputs.size() + " inputs and " + outputs.size() + " outputs; prune runs "
                    + "networks with one input and one output");
        }
        String in = inputs.get(0);
        String out = outputs.get(0);
        JsonNode vertices = root.path("vertices");
        JsonNode vertexInputs = root.path("vertexInputs");
        List<Node> nodes = new ArrayList<>();
        Map<String, Integer> savedIn = new LinkedHashMap<>();
        int[] input = null;
        List<String> order = new ArrayList<>(strings(root.path("topologicalOrderStr")));
        order.remove(in);
        // The output layer is the graph's only sink that Prune keeps, so it goes last.
        if (!order.remove(out)) {
            throw new Refused("its output '" + out + "' is not one of its vertices");
        }
        order.add(out);
        for (String name : order) {
            JsonNode v = vertices.path(name);
            List<String> reads = new ArrayList<>();
            for (String r : strings(vertexInputs.path(name))) {
                reads.add(r.equals(in) ? NetworkSpec.INPUT : r);
            }
            String type = simple(v.path("@class").asText());
            switch (type) {
                case "LayerVertex" -> {
                    JsonNode p = v.path("preProcessor");
                    if (!p.isMissingNode() && !p.isNull()) {
                        int[] shape = preprocessor(name, p);
                        if (shape != null && reads.equals(List.of(NetworkSpec.INPUT))) {
                            input = shape;
                        }
                    }
                    layer(nodes, savedIn, name, v.path("layerConf").path("layer"), reads, name.equals(out));
                }
                case "ElementWiseVertex" -> {
                    if (!"Add".equals(v.path("op").asText())) {
                        throw new Refused("vertex '" + name + "' is an element-wise " + v.path("op").asText()
                                + "; prune runs element-wise Add only");
                    }
                    nodes.add(Node.add(name, reads));
                }
                case "PreprocessorVertex" -> {
                    String kind = simple(v.path("preProcessor").path("@class").asText());
                    if (!kind.equals("CnnToFeedForwardPreProcessor")) {
                        throw new Refused("vertex '" + name + "' is a " + kind + "; prune runs flattening "
                                + "(CnnToFeedForwardPreProcessor) only");
                    }
                    nodes.add(Node.flatten(name, one(name, reads)));
                }
                default -> throw new Refused("vertex '" + name + "' is a " + type + ", which prune cannot run; "
                        + "it runs layers, element-wise Add and flattening preprocessors");
            }
        }
        return new ImportedModel(file, false, nodes, input, savedIn);
    }

    /**
     * Adds the node(s) of one DL4J layer reading {@code reads}; returns the name later layers of a
     * list read. A layer Prune runs but cannot prune (another activation, a dilated conv, an LRN,
     * ...) becomes a kept node when its output shape can be followed; any other is refused.
     */
    private static String layer(List<Node> nodes, Map<String, Integer> savedIn, String name, JsonNode l,
                                List<String> reads, boolean last) throws Refused {
        String type = l.path("@class").asText();
        String kind = type.startsWith(LAYERS) ? type.substring(LAYERS.length()) : simple(type);
        String input = one(name, reads);
        if (last != kind.equals("OutputLayer")) {
            throw new Refused(last ? "its output layer '" + name + "' is a " + kind + "; prune runs networks that "
                    + "end in an OutputLayer with softmax and MCXENT or NEGATIVELOGLIKELIHOOD loss"
                    : "layer '" + name + "' is an OutputLayer before the end; prune runs one output layer, last");
        }
        Node kept = kept(name, input, kind, l);
        if (kept != null) {
            if (kept.units() > 0 && kept.kernel() == 0 && FEED_FORWARD.contains(kind)) {
                // DL4J flattens a feature map in front of a feed-forward layer; the graph says so.
                String flat = name + "_flatten";
                nodes.add(Node.flatten(flat, input));
                kept = Node.kept(name, flat, kept.keptType(), kept.units(), 0, 0, 0, kept.layer());
            }
            nodes.add(kept);
            if (l.path("nin").asInt() > 0) {
                savedIn.put(name, l.path("nin").asInt());
            }
            return name;
        }
        JsonNode dropout = l.path("idropout");
        if (!kind.equals("DropoutLayer") && !dropout.isMissingNode() && !dropout.isNull()) {
            // DL4J drops a layer's inputs; a dropout node in front of it does the same.
            String d = name + "_dropout";
            nodes.add(Node.dropout(d, input, 1.0 - retain(name, dropout)));
            input = d;
        }
        switch (kind) {
            case "DenseLayer" -> {
                nodes.add(new Node(name, NodeKind.DENSE, List.of(input), l.path("nout").asInt(), 0, 0, 0,
                        l.path("hasBias").asBoolean(true), 1, activation(name, l), 0));
                savedIn.put(name, l.path("nin").asInt());
            }
            case "OutputLayer" -> {
                String loss = simple(l.path("lossFn").path("@class").asText());
                String act = activationName(l.path("activationFn"));
                if (!act.equals("Softmax") || !(loss.equals("LossMCXENT") || loss.equals("LossNegativeLogLikelihood"))) {
                    throw new Refused("its output layer '" + name + "' has " + act.toLowerCase() + " activation and "
                            + loss.replaceFirst("^Loss", "") + " loss; prune runs softmax with MCXENT or "
                            + "NEGATIVELOGLIKELIHOOD loss");
                }
                nodes.add(new Node(name, NodeKind.OUTPUT, List.of(input), l.path("nout").asInt(), 0, 0, 0,
                        l.path("hasBias").asBoolean(true), 1, "softmax", 0));
                savedIn.put(name, l.path("nin").asInt());
            }
            case "ConvolutionLayer" -> {
                int[] k = square(name, "kernel", l.path("kernelSize"));
                int[] s = square(name, "stride", l.path("stride"));
                int[] p = square(name, "padding", l.path("padding"));
                int padding = padding(name, l, k[0], s[0], p[0]);
                nodes.add(new Node(name, NodeKind.CONV, List.of(input), l.path("nout").asInt(), k[0], s[0], padding,
                        l.path("hasBias").asBoolean(true), 1, activation(name, l), 0));
                savedIn.put(name, l.path("nin").asInt());
            }
            case "SubsamplingLayer" -> {
                int[] k = square(name, "kernel", l.path("kernelSize"));
                int[] s = square(name, "stride", l.path("stride"));
                int[] p = square(name, "padding", l.path("padding"));
                int padding = padding(name, l, k[0], s[0], p[0]);
                NodeKind nk = l.path("poolingType").asText().equals("MAX") ? NodeKind.MAX_POOL : NodeKind.AVG_POOL;
                nodes.add(new Node(name, nk, List.of(input), 0, k[0], s[0], padding, false, 1, "", 0));
            }
            case "GlobalPoolingLayer" -> nodes.add(Node.globalAvgPool(name, input));
            case "BatchNormalization" -> nodes.add(Node.batchNorm(name, input));
            case "ActivationLayer" -> nodes.add(Node.activation(name, input, activation(name, l)));
            case "DropoutLayer" -> nodes.add(Node.dropout(name, input, dropout.isNull() || dropout.isMissingNode()
                    ? 0 : 1.0 - retain(name, dropout)));
            default -> throw new Refused("layer '" + name + "' is a " + kind + ", which prune can neither prune nor "
                    + "follow the shape through; it keeps layers it cannot prune when they keep their input's "
                    + "shape (activations, LRN, batch norm, dropout), are feed-forward (dense) or slide a "
                    + "square window (convolution, depthwise, separable, pooling, zero padding)");
        }
        return name;
    }

    /** Feed-forward layers Prune may keep: they read a flat input, flattening a feature map first. */
    private static final java.util.Set<String> FEED_FORWARD = java.util.Set.of("DenseLayer",
            "ElementWiseMultiplicationLayer");

    /**
     * The kept node for a layer Prune can run but not prune, or null when Prune prunes it (or
     * refuses it). The output shape is what makes a layer keepable: its input's, a dense layer's
     * units, or a square window's.
     */
    private static Node kept(String name, String input, String kind, JsonNode l) throws Refused {
        String json = l.toString();
        int nOut = l.path("nout").asInt();
        switch (kind) {
            case "DenseLayer" -> {
                return runs(l) ? null : Node.kept(name, input, kind, nOut, 0, 0, 0, json);
            }
            case "ElementWiseMultiplicationLayer" -> {
                return Node.kept(name, input, kind, nOut, 0, 0, 0, json);
            }
            case "ActivationLayer" -> {
                return runs(l) ? null : Node.kept(name, input, kind, 0, 0, 0, 0, json);
            }
            case "LocalResponseNormalization" -> {
                return Node.kept(name, input, kind, 0, 0, 0, 0, json);
            }
            case "DropoutLayer" -> {
                JsonNode d = l.path("idropout");
                boolean plain = d.isMissingNode() || d.isNull() || simple(d.path("@class").asText()).equals("Dropout")
                        && (d.path("pschedule").isNull() || d.path("pschedule").isMissingNode());
                return plain ? null : Node.kept(name, input, kind, 0, 0, 0, 0, json);
            }
            case "BatchNormalization" -> {
                boolean engines = l.path("eps").asDouble() == 1e-5 && l.path("decay").asDouble() == 0.9
                        && !l.path("lockGammaBeta").asBoolean(false);
                return engines ? null : Node.kept(name, input, kind, 0, 0, 0, 0, json);
            }
            case "GlobalPoolingLayer" -> {
                return "AVG".equals(l.path("poolingType").asText()) ? null
                        : Node.kept(name, input, kind, -1, 0, 0, 0, json);
            }
            case "ZeroPaddingLayer" -> {
                JsonNode p = l.path("padding");
                if (!p.isArray() || p.size() != 4 || !(p.get(0).asInt() == p.get(1).asInt()
                        && p.get(1).asInt() == p.get(2).asInt() && p.get(2).asInt() == p.get(3).asInt())) {
                    throw new Refused("zero padding '" + name + "' pads " + p + "; prune follows the same padding on "
                            + "every side");
                }
                format(name, l.path("cnn2dDataFormat"));
                return Node.kept(name, input, kind, 0, 1, 1, p.get(0).asInt(), json);
            }
            case "ConvolutionLayer", "SubsamplingLayer", "DepthwiseConvolution2D", "SeparableConvolution2D" -> {
                int[] k = square(name, "kernel", l.path("kernelSize"));
                int[] s = square(name, "stride", l.path("stride"));
                int[] p = square(name, "padding", l.path("padding"));
                int[] d = l.has("dilation") ? square(name, "dilation", l.path("dilation")) : new int[] {1};
                format(name, l.path("cnn2dDataFormat"));
                boolean plainConv = kind.equals("ConvolutionLayer") && d[0] == 1 && runs(l);
                boolean plainPool = kind.equals("SubsamplingLayer") && d[0] == 1
                        && List.of("MAX", "AVG").contains(l.path("poolingType").asText());
                if (plainConv || plainPool) {
                    return null;
                }
                // A dilated kernel spans k + (k - 1)(d - 1) positions.
                int span = k[0] + (k[0] - 1) * (d[0] - 1);
                return Node.kept(name, input, kind, kind.equals("SubsamplingLayer") ? 0 : nOut, span, s[0],
                        padding(name, l, span, s[0], p[0]), json);
            }
            default -> {
                return null;
            }
        }
    }

    /** True when Prune's own nodes run the layer's activation. */
    private static boolean runs(JsonNode l) {
        try {
            activation("", l);
            return true;
        } catch (Refused e) {
            return false;
        }
    }

    /** The shape a flat-to-image preprocessor gives, or null for flattening, which dense layers do anyway. */
    private static int[] preprocessor(String name, JsonNode p) throws Refused {
        String kind = simple(p.path("@class").asText());
        return switch (kind) {
            case "FeedForwardToCnnPreProcessor" -> new int[] {p.path("numChannels").asInt(),
                p.path("inputHeight").asInt(), p.path("inputWidth").asInt()};
            case "CnnToFeedForwardPreProcessor" -> null;
            default -> throw new Refused("layer '" + name + "' reads through a " + kind + ", which prune cannot run");
        };
    }

    private static double retain(String name, JsonNode dropout) throws Refused {
        String kind = simple(dropout.path("@class").asText());
        if (!kind.equals("Dropout") || !dropout.path("pschedule").isNull() && !dropout.path("pschedule").isMissingNode()) {
            throw new Refused("layer '" + name + "' has " + kind + " with a schedule or of another kind; prune runs "
                    + "plain dropout");
        }
        return dropout.path("p").asDouble();
    }

    /** Same mode with an odd kernel and stride 1 is the symmetric padding (k - 1) / 2. */
    private static int padding(String name, JsonNode l, int kernel, int stride, int padding) throws Refused {
        String mode = l.path("convolutionMode").asText("Truncate");
        if (mode.equals("Truncate")) {
            return padding;
        }
        if (mode.equals("Same") && stride == 1 && kernel % 2 == 1) {
            return (kernel - 1) / 2;
        }
        throw new Refused("layer '" + name + "' uses convolution mode " + mode + " with kernel " + kernel
                + " and stride " + stride + "; prune runs Truncate, or Same with stride 1 and an odd kernel");
    }

    private static void format(String name, JsonNode format) throws Refused {
        if (!format.isMissingNode() && !format.isNull() && !"NCHW".equals(format.asText())) {
            throw new Refused("layer '" + name + "' uses data format " + format.asText() + "; prune runs NCHW");
        }
    }

    private static int[] square(String name, String what, JsonNode pair) throws Refused {
        if (!pair.isArray() || pair.size() != 2 || pair.get(0).asInt() != pair.get(1).asInt()) {
            throw new Refused("layer '" + name + "' has " + what + " " + pair + "; prune runs square " + what + "s");
        }
        return new int[] {pair.get(0).asInt()};
    }

    private static String activation(String name, JsonNode l) throws Refused {
        JsonNode fn = l.path("activationFn");
        String act = activationName(fn);
        boolean plainRelu = act.equals("ReLU") && zeroOrNull(fn.path("max")) && zeroOrNull(fn.path("negativeSlope"))
                && zeroOrNull(fn.path("threshold"));
        return switch (act) {
            case "ReLU" -> {
                if (!plainRelu) {
                    throw new Refused("layer '" + name + "' has a ReLU with a maximum, slope or threshold; prune "
                            + "runs plain ReLU");
                }
                yield "relu";
            }
            case "TanH" -> "tanh";
            case "Sigmoid" -> "sigmoid";
            case "Identity" -> "identity";
            default -> throw new Refused("layer '" + name + "' has activation " + act + "; prune runs relu, tanh, "
                    + "sigmoid and identity");
        };
    }

    private static boolean zeroOrNull(JsonNode n) {
        return n.isMissingNode() || n.isNull() || n.asDouble() == 0;
    }

    private static String activationName(JsonNode fn) {
        String c = fn.path("@class").asText();
        return c.startsWith(ACTIVATIONS) ? c.substring(ACTIVATIONS.length()) : simple(c);
    }

    private static String one(String name, List<String> reads) throws Refused {
        if (reads.size() != 1) {
            throw new Refused("layer '" + name + "' reads " + reads.size() + " inputs; prune runs layers that read "
                    + "one");
        }
        return reads.get(0);
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            out.add(it.next().asText());
        }
        return out;
    }

    /**
     * The graph on data of the given shape: the configuration's own input shape when it declares
     * one (the data must then match it), else the data's. Every weighted layer must receive the
     * inputs it was saved with, or its weights would not fit.
     */
    public NetworkSpec network(int channels, int height, int width) {
        if (input != null && (input[0] != channels || input[1] != height || input[2] != width)) {
            throw new IllegalArgumentException(file + " takes " + input[0] + "x" + input[1] + "x" + input[2]
                    + " images, but the data has " + channels + "x" + height + "x" + width);
        }
        NetworkSpec spec;
        try {
            spec = new NetworkSpec(java.nio.file.Path.of(file).getFileName().toString().replaceFirst("\\.zip$", ""), channels, height, width, nodes);
        } catch (EngineException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage() + " on " + channels + "x" + height + "x"
                    + width + " data");
        }
        for (LayerSpec l : spec.layers()) {
            int saved = savedIn.getOrDefault(l.name(), l.nIn());
            if (saved != l.nIn()) {
                throw new IllegalArgumentException(file + ": layer '" + l.name() + "' was saved with " + saved + " "
                        + (l.kind() == LayerKind.CONV ? "input channels" : "inputs") + " but receives " + l.nIn()
                        + " from " + channels + "x" + height + "x" + width + " data");
            }
        }
        for (Node n : spec.nodes()) {
            Shape in = n.kind() == NodeKind.KEPT ? spec.shape(n.input()) : null;
            int receives = in == null ? 0 : in.flat() ? in.size() : in.channels();
            if (in != null && savedIn.containsKey(n.name()) && savedIn.get(n.name()) != receives) {
                throw new IllegalArgumentException(file + ": layer '" + n.name() + "' (" + n.keptType()
                        + ") was saved with " + savedIn.get(n.name()) + " " + (in.flat() ? "inputs" : "input channels")
                        + " but receives " + receives + " from " + channels + "x" + height + "x" + width + " data");
            }
        }
        return spec;
    }
}

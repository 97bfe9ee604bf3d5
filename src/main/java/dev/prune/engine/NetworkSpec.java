package dev.prune.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A network as the core sees it: the input shape and a graph of named nodes, each listing the
 * nodes it reads, in an order where every node comes after its inputs. Shapes are inferred here,
 * without building anything, so the checker, plans and FLOP counts know every node's shape and
 * selectors are checked before any training starts.
 *
 * <p>The weight layers ({@link #layers()}) are the weighted nodes (dense, conv, output) in node
 * order: masks, weights and gradients cross the engine boundary in that order, one per layer.
 * {@link Topology} answers which weight layers read a layer's units.
 */
public final class NetworkSpec {
    /** The name by which nodes read the network's input. */
    public static final String INPUT = "input";

    private final String name;
    private final int channels;
    private final int height;
    private final int width;
    private final List<Node> nodes;
    private final Map<String, Shape> shapes;
    private final List<LayerSpec> layers;
    private final List<Node> weighted;
    private final WeightInit init;

    /** Checks the graph and infers every shape; a wrong graph fails with a sentence naming the node. */
    public NetworkSpec(String name, int channels, int height, int width, List<Node> nodes) {
        this(name, channels, height, width, nodes, WeightInit.XAVIER);
    }

    /** As above, with the distribution the weights are drawn from (files without one drew XAVIER). */
    @JsonCreator
    public NetworkSpec(@JsonProperty("name") String name, @JsonProperty("channels") int channels,
                       @JsonProperty("height") int height, @JsonProperty("width") int width,
                       @JsonProperty("nodes") List<Node> nodes, @JsonProperty("init") WeightInit init) {
        this.init = init == null ? WeightInit.XAVIER : init;
        this.name = Objects.requireNonNull(name);
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.nodes = List.copyOf(nodes);
        this.shapes = ShapeInference.infer(name, Shape.map(channels, height, width), this.nodes);
        List<LayerSpec> l = new ArrayList<>();
        List<Node> w = new ArrayList<>();
        for (Node n : this.nodes) {
            if (n.kind().weighted()) {
                w.add(n);
                l.add(layerOf(n));
            }
        }
        this.layers = List.copyOf(l);
        this.weighted = List.copyOf(w);
    }

    /**
     * A sequential network from its weight layers, as the layer-list models describe it: a conv
     * layer with {@code poolAfter > 0} is followed by a max-pooling node {@code <name>_pool}, and
     * a dense layer after a conv flattens its input. Each layer's declared inputs must match.
     */
    public static NetworkSpec sequential(String name, int channels, int height, int width, List<LayerSpec> layers) {
        List<Node> nodes = new ArrayList<>();
        String previous = INPUT;
        for (LayerSpec l : layers) {
            switch (l.kind()) {
                case DENSE -> nodes.add(Node.dense(l.name(), previous, l.nOut(), l.activation()));
                case OUTPUT -> nodes.add(Node.output(l.name(), previous, l.nOut()));
                case CONV -> nodes.add(new Node(l.name(), NodeKind.CONV, List.of(previous), l.nOut(), l.kernel(),
                        l.stride(), l.padding(), l.bias(), l.groups(), l.activation(), 0));
            }
            previous = l.name();
            if (l.kind() == LayerKind.CONV && l.poolAfter() > 0) {
                previous = l.name() + "_pool";
                nodes.add(Node.maxPool(previous, l.name(), l.poolAfter(), l.poolAfter()));
            }
        }
        NetworkSpec spec = new NetworkSpec(name, channels, height, width, nodes);
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec declared = layers.get(i);
            LayerSpec actual = spec.layers.get(i);
            if (declared.nIn() != actual.nIn()) {
                throw new EngineException("layer '" + declared.name() + "' expects " + declared.nIn() + " "
                        + (declared.kind() == LayerKind.CONV ? "input channels" : "inputs") + " but receives "
                        + actual.nIn());
            }
        }
        return spec;
    }

    private LayerSpec layerOf(Node n) {
        Shape in = shapes.get(n.input());
        return switch (n.kind()) {
            case DENSE -> new LayerSpec(n.name(), LayerKind.DENSE, in.size(), n.units(), 1, 0, 0, 1, n.activation(),
                    1, 1, n.bias());
            case OUTPUT -> new LayerSpec(n.name(), LayerKind.OUTPUT, in.size(), n.units(), 1, 0, 0, 1, "softmax",
                    1, 1, n.bias());
            default -> new LayerSpec(n.name(), LayerKind.CONV, in.channels(), n.units(), n.kernel(), n.padding(),
                    poolRightAfter(n), in.height(), n.activation(), n.stride(), n.groups(), n.bias());
        };
    }

    /** The window of a max pooling that is the conv's only reader, with stride = window (0 if none). */
    private int poolRightAfter(Node conv) {
        List<Node> readers = readers(conv.name());
        if (readers.size() == 1 && readers.get(0).kind() == NodeKind.MAX_POOL
                && readers.get(0).kernel() == readers.get(0).stride() && readers.get(0).padding() == 0) {
            return readers.get(0).kernel();
        }
        return 0;
    }

    @JsonProperty
    public WeightInit init() {
        return init;
    }

    /** The same network with its weights drawn from {@code how}. */
    public NetworkSpec withInit(WeightInit how) {
        return new NetworkSpec(name, channels, height, width, nodes, how);
    }

    @JsonProperty
    public String name() {
        return name;
    }

    @JsonProperty
    public int channels() {
        return channels;
    }

    @JsonProperty
    public int height() {
        return height;
    }

    @JsonProperty
    public int width() {
        return width;
    }

    /** Every node, each after its inputs. */
    @JsonProperty
    public List<Node> nodes() {
        return nodes;
    }

    /** The weight layers, in node order: the order of masks and weights at the engine boundary. */
    public List<LayerSpec> layers() {
        return layers;
    }

    /** The node of weight layer {@code l}. */
    public Node weightNode(int l) {
        return weighted.get(l);
    }

    /** The shape one example has at the output of a node (or at {@value #INPUT}). */
    public Shape shape(String nodeName) {
        Shape s = shapes.get(nodeName);
        if (s == null) {
            throw new IllegalArgumentException("network '" + name + "' has no node '" + nodeName + "'");
        }
        return s;
    }

    public Optional<Node> node(String nodeName) {
        return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
    }

    /** The nodes that read a node's output, in node order. */
    public List<Node> readers(String nodeName) {
        return nodes.stream().filter(n -> n.inputs().contains(nodeName)).toList();
    }

    /** The layers of a model file that Prune runs as saved and never prunes, in node order. */
    public List<Node> kept() {
        return nodes.stream().filter(n -> n.kind() == NodeKind.KEPT).toList();
    }

    /** "act1 (ActivationLayer), fc2 (DenseLayer)": the kept layers as messages and listings name them. */
    public String keptNames() {
        return String.join(", ", kept().stream().map(n -> n.name() + " (" + n.keptType() + ")").toList());
    }

    /** True when some node joins two streams (a residual add): units are then coupled across layers. */
    public boolean residual() {
        return nodes.stream().anyMatch(n -> n.kind() == NodeKind.ADD);
    }

    /** The graph queries on weight layers. */
    public Topology topology() {
        return new Topology(this);
    }

    public int inputSize() {
        return channels * height * width;
    }

    public int classes() {
        return layers.get(layers.size() - 1).nOut();
    }

    public Optional<Integer> indexOf(String layerName) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(layerName)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    public long weightCount() {
        return layers.stream().mapToLong(LayerSpec::weightCount).sum();
    }

    /**
     * Multiply-adds per example of the weight layers (ShrinkBench's count: a conv weight costs one
     * per output position; biases, batch norm, activations and pooling are not counted).
     */
    public long multiplyAdds() {
        return layers.stream().mapToLong(l -> l.weightCount() * l.flopsPerWeight()).sum();
    }

    /**
     * Trainable parameters as papers count them: weights, biases, and batch norm's γ and β (its
     * running mean and variance are statistics, not parameters).
     */
    public long parameterCount() {
        long n = 0;
        for (Node node : nodes) {
            if (node.kind().weighted()) {
                LayerSpec l = layers.get(indexOf(node.name()).orElseThrow());
                n += l.weightCount() + (node.bias() ? l.nOut() : 0);
            } else if (node.kind() == NodeKind.BATCH_NORM) {
                n += 2L * shape(node.input()).channels();
            }
        }
        return n;
    }

    /** The same graph with other unit counts for some weight nodes (by name): a compacted network. */
    public NetworkSpec withUnits(Map<String, Integer> units) {
        List<Node> changed = new ArrayList<>();
        for (Node n : nodes) {
            Integer u = units.get(n.name());
            changed.add(u == null ? n : n.withUnits(u));
        }
        return new NetworkSpec(name, channels, height, width, changed, init);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSpec s && s.name.equals(name) && s.channels == channels && s.height == height
                && s.width == width && s.nodes.equals(nodes) && s.init == init;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, channels, height, width, nodes, init);
    }

    @Override
    public String toString() {
        return "NetworkSpec[" + name + ", " + channels + "x" + height + "x" + width + ", " + nodes + "]";
    }
}

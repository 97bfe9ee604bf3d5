package dev.prune.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows one example's shape through the graph, so that a wrong network fails with a sentence
 * naming the node before anything is built. Convolution and pooling sizes are floor((in + 2p - k) / s) + 1,
 * DL4J's truncating mode, which drops a ragged edge.
 */
final class ShapeInference {
    private ShapeInference() {}

    static Map<String, Shape> infer(String network, Shape input, List<Node> nodes) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put(NetworkSpec.INPUT, input);
        if (nodes.isEmpty() || nodes.get(nodes.size() - 1).kind() != NodeKind.OUTPUT) {
            throw new EngineException("network '" + network + "' must end with an output layer");
        }
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (shapes.containsKey(n.name())) {
                throw new EngineException("network '" + network + "' has two nodes named '" + n.name() + "'");
            }
            if (n.kind() == NodeKind.OUTPUT && i != nodes.size() - 1) {
                throw new EngineException("output layer '" + n.name() + "' must be the last layer");
            }
            if (n.inputs().isEmpty() || n.kind() != NodeKind.ADD && n.inputs().size() != 1) {
                throw new EngineException("node '" + n.name() + "' has " + n.inputs().size() + " inputs, expected "
                        + (n.kind() == NodeKind.ADD ? "at least one" : "one"));
            }
            for (String in : n.inputs()) {
                if (!shapes.containsKey(in)) {
                    throw new EngineException("node '" + n.name() + "' reads '" + in
                            + "', which is not an earlier node of network '" + network + "'");
                }
            }
            shapes.put(n.name(), shapeOf(n, shapes.get(n.input()), shapes));
        }
        return shapes;
    }

    private static Shape shapeOf(Node n, Shape in, Map<String, Shape> shapes) {
        return switch (n.kind()) {
            case DENSE, OUTPUT -> {
                positive(n, n.units(), "outputs");
                yield Shape.vector(n.units());
            }
            case CONV -> {
                map(n, in, "conv layer '" + n.name() + "' follows a dense layer");
                positive(n, n.units(), "outputs");
                if (n.groups() < 1 || in.channels() % n.groups() != 0 || n.units() % n.groups() != 0) {
                    throw new EngineException("conv layer '" + n.name() + "' has " + n.groups() + " groups for "
                            + in.channels() + " input channels and " + n.units() + " filters");
                }
                yield Shape.map(n.units(), window(n, in.height(), "a kernel of " + n.kernel()),
                        window(n, in.width(), "a kernel of " + n.kernel()));
            }
            case MAX_POOL, AVG_POOL -> {
                map(n, in, "pooling '" + n.name() + "' follows a dense layer");
                yield Shape.map(in.channels(), window(n, in.height(), "a pooling window of " + n.kernel()),
                        window(n, in.width(), "a pooling window of " + n.kernel()));
            }
            case GLOBAL_AVG_POOL -> {
                map(n, in, "global pooling '" + n.name() + "' follows a dense layer");
                yield Shape.vector(in.channels());
            }
            case FLATTEN -> Shape.vector(in.size());
            case BATCH_NORM, ACTIVATION, DROPOUT -> in;
            case ZERO_PAD -> {
                map(n, in, "shortcut '" + n.name() + "' follows a dense layer");
                if (n.units() < in.channels() || n.stride() < 1) {
                    throw new EngineException("shortcut '" + n.name() + "' pads " + in.channels() + " channels to "
                            + n.units() + " with stride " + n.stride());
                }
                yield Shape.map(n.units(), (in.height() - 1) / n.stride() + 1, (in.width() - 1) / n.stride() + 1);
            }
            case KEPT -> {
                if (n.kernel() > 0) {
                    map(n, in, "layer '" + n.name() + "' (a " + n.keptType() + ") slides a window but follows a "
                            + "dense layer");
                    yield Shape.map(n.units() > 0 ? n.units() : in.channels(),
                            window(n, in.height(), "a kernel of " + n.kernel()),
                            window(n, in.width(), "a kernel of " + n.kernel()));
                }
                if (n.units() < 0) {
                    map(n, in, "layer '" + n.name() + "' (a " + n.keptType() + ") pools a feature map but follows "
                            + "a dense layer");
                    yield Shape.vector(in.channels());
                }
                if (n.units() == 0) {
                    yield in;
                }
                yield in.flat() ? Shape.vector(n.units()) : Shape.map(n.units(), in.height(), in.width());
            }
            case ADD -> {
                for (String other : n.inputs()) {
                    Shape s = shapes.get(other);
                    if (!s.equals(in)) {
                        throw new EngineException("add '" + n.name() + "' joins " + n.input() + " (" + in + ") and "
                                + other + " (" + s + "), whose shapes differ");
                    }
                }
                yield in;
            }
        };
    }

    private static void map(Node n, Shape in, String message) {
        if (in.flat()) {
            throw new EngineException(message);
        }
    }

    private static void positive(Node n, int units, String what) {
        if (units <= 0) {
            throw new EngineException("layer '" + n.name() + "' has " + units + " " + what);
        }
    }

    private static int window(Node n, int side, String what) {
        int stride = Math.max(1, n.stride());
        int out = n.kernel() <= 0 ? 0 : (side + 2 * n.padding() - n.kernel()) / stride + 1;
        if (n.kernel() <= 0 || side + 2 * n.padding() < n.kernel() || out <= 0) {
            throw new EngineException("'" + n.name() + "' has " + what + " that does not fit its input of side " + side);
        }
        return out;
    }
}

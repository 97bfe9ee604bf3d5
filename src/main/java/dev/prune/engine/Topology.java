package dev.prune.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which weight layers read which layer's units, asked of the graph: the answers that replace "the
 * next layer is l + 1". A unit (neuron or filter) of weight layer l reaches a reader through
 * pass-through nodes only (batch norm, activations, pooling, dropout, flatten), which keep it one
 * unit: in a reader's fan-in it is {@link Feed#span} consecutive positions. A residual add, a
 * zero-pad shortcut, a grouped conv or several readers couple units across layers; structured
 * pruning does not handle that yet and is refused with {@link Coupled}.
 */
public final class Topology {
    private final NetworkSpec net;

    Topology(NetworkSpec net) {
        this.net = net;
    }

    /**
     * How weight layer {@code reader} reads the units of the layer before it: span = fan-in positions
     * per unit (kernel² for a conv reader; the positions per channel for a dense reader of a flattened map).
     */
    public record Feed(int layer, int span) {}

    /** Units of a layer are coupled with other layers' units, so removing one alone is not defined. */
    public static final class Coupled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Coupled(String message) {
            super(message);
        }
    }

    /** The weight layers whose input some of layer l's output reaches, through any nodes. */
    public List<Integer> readers(int l) {
        List<Integer> out = new ArrayList<>();
        collect(net.weightNode(l).name(), out, new ArrayList<>());
        return out;
    }

    private void collect(String node, List<Integer> out, List<String> seen) {
        for (Node r : net.readers(node)) {
            if (seen.contains(r.name())) {
                continue;
            }
            seen.add(r.name());
            if (r.kind().weighted()) {
                out.add(net.indexOf(r.name()).orElseThrow());
            } else {
                collect(r.name(), out, seen);
            }
        }
    }

    /**
     * The weight layer that reads layer l's units one to one, and how; empty for the output layer.
     *
     * @throws Coupled when l's units reach an add, a shortcut, a grouped conv or more than one layer
     */
    public Optional<Feed> next(int l) {
        Node from = net.weightNode(l);
        if (from.kind() == NodeKind.OUTPUT) {
            return Optional.empty();
        }
        String at = from.name();
        int positions = net.shape(at).positions();
        while (true) {
            List<Node> readers = net.readers(at);
            if (readers.size() != 1) {
                throw new Coupled("the units of layer '" + from.name() + "' are read by " + readers.size()
                        + " nodes; unit-wise pruning follows a single chain of layers");
            }
            Node r = readers.get(0);
            if (r.kind().weighted()) {
                if (r.kind() == NodeKind.CONV && r.groups() != 1) {
                    throw new Coupled("layer '" + from.name() + "' feeds the grouped conv '" + r.name()
                            + "', whose filters are coupled to its input channels");
                }
                int span = r.kind() == NodeKind.CONV ? r.kernel() * r.kernel() : positions;
                return Optional.of(new Feed(net.indexOf(r.name()).orElseThrow(), span));
            }
            if (r.kind() == NodeKind.KEPT) {
                throw new Coupled(keptReads(from, r));
            }
            if (!r.kind().passThrough()) {
                throw new Coupled("the units of layer '" + from.name() + "' reach the " + r.kind().word() + " '"
                        + r.name() + "', which couples them with other layers' units");
            }
            if (r.kind() != NodeKind.FLATTEN) {
                positions = net.shape(r.name()).positions();
            }
            at = r.name();
        }
    }

    /** Why units cannot be removed from a layer that a kept layer reads. */
    static String keptReads(Node from, Node kept) {
        return "the units of layer '" + from.name() + "' reach the kept layer '" + kept.name() + "' (a "
                + kept.keptType() + ", run as saved), which prune cannot shrink with them";
    }

    /**
     * The node whose output is layer l's units after their activation: the layer itself when it
     * applies one, else the batch norm and activation nodes right after it (a conv, BN, ReLU block),
     * through a residual add (conv, BN, add, ReLU: the block's output, which DropNet and APoZ measure).
     */
    public String activated(int l) {
        Node at = net.weightNode(l);
        if (!at.activation().isEmpty() && !at.activation().equals("identity") || at.kind() == NodeKind.OUTPUT) {
            return at.name();
        }
        while (true) {
            List<Node> readers = net.readers(at.name());
            if (readers.size() != 1) {
                return at.name();
            }
            Node r = readers.get(0);
            if (r.kind() == NodeKind.ACTIVATION) {
                return r.name();
            }
            // A block's second conv is activated after the residual add (conv, BN, add, ReLU).
            if (r.kind() != NodeKind.BATCH_NORM && r.kind() != NodeKind.ADD) {
                return at.name();
            }
            at = r;
        }
    }

    /** Side of layer l's units as their reader sees them (after pooling; 1 after global pooling or for dense layers). */
    public int side(int l) {
        Optional<Feed> f = next(l);
        if (f.isEmpty()) {
            return 1;
        }
        Node reader = net.weightNode(f.get().layer());
        if (reader.kind() == NodeKind.CONV) {
            return net.shape(reader.input()).height();
        }
        return (int) Math.round(Math.sqrt(f.get().span()));
    }
}

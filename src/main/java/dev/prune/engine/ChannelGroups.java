package dev.prune.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dependency groups of structured pruning, asked of the graph (after Torch-Pruning's
 * dependency graph): which channels must be removed together so that the network stays a
 * network of the same function with fewer channels.
 *
 * <p>A <em>stream</em> is a set of nodes whose outputs share one channel numbering: a weight
 * layer's output and every batch norm, activation, pooling, dropout and flatten after it, joined
 * by residual adds (an add's inputs and output are one stream) and by depthwise convs (channel c
 * in, channel c out). A non-grouped weight layer starts a new stream. An option-A zero-pad
 * shortcut starts a new, wider stream whose channels {@code i + }{@link #PAD_OFFSET} are its
 * input's channels i and whose others are zeros: those channel pairs are one <em>coupled
 * channel</em>. A {@link Channel} lists everything removed with it: the filters that write it
 * (every producer of the stream: on a ResNet with projection shortcuts, the stage's stem or
 * shortcut conv and every block's second conv), the batch norm channels on it, and the input
 * slices of every weight layer that reads it ({@code span} fan-in positions per channel:
 * kernel² for a conv, the positions of the map for a dense layer after flatten, 1 after global
 * pooling). A {@link Group} is a set of streams linked by zero-pad shortcuts and its channels;
 * the output layer's stream and a stream that carries the data itself are never pruned.
 */
public final class ChannelGroups {
    /** A zero-pad shortcut puts its input's channel i at output channel i + PAD_OFFSET; zeros follow. */
    public static final int PAD_OFFSET = 0;

    /** Filter {@code unit} of weight layer {@code layer}: its incoming weights are removed. */
    public record Filter(int layer, int unit) {}

    /** Fan-in positions {@code [channel * span, (channel + 1) * span)} of every unit of weight layer {@code layer}. */
    public record Input(int layer, int channel, int span) {}

    /** Channel {@code channel} of the batch norm node {@code node}: its γ and β are set to zero. */
    public record Norm(String node, int channel) {}

    /** One coupled channel: what goes when it goes. */
    public record Channel(List<Filter> filters, List<Input> inputs, List<Norm> norms) {
        public Channel {
            filters = List.copyOf(filters);
            inputs = List.copyOf(inputs);
            norms = List.copyOf(norms);
        }
    }

    /**
     * Channels that are coupled with each other, named after the first weight layer that writes
     * them (the root); {@code layers} are the weight layers that write them.
     */
    public record Group(String root, List<Integer> layers, List<Channel> channels, boolean prunable) {
        public Group {
            layers = List.copyOf(layers);
            channels = List.copyOf(channels);
        }

        /** True when some weight layer writes these channels together with another: an add joins them. */
        public boolean coupled() {
            return layers.size() > 1;
        }
    }

    private final List<Group> groups;
    private final Map<Integer, Integer> groupOfLayer = new HashMap<>();

    /** @throws Topology.Coupled when a grouped (not depthwise) conv couples channels in a way not handled */
    public ChannelGroups(NetworkSpec net) {
        this.groups = build(net);
        for (int g = 0; g < groups.size(); g++) {
            for (int l : groups.get(g).layers()) {
                groupOfLayer.put(l, g);
            }
        }
    }

    public List<Group> groups() {
        return groups;
    }

    /** The group whose channels weight layer l writes. */
    public Group groupOf(int l) {
        return groups.get(groupOfLayer.get(l));
    }

    /**
     * The channels that each batch norm right after a weight layer must hold at zero (γ = β = 0):
     * those whose filter has no kept incoming weight. Without it a removed filter's channel still
     * emits β after its batch norm, so masking a filter would not remove it.
     *
     * @return batch norm node name to one flag per channel, only for norms with such channels
     */
    public static Map<String, boolean[]> silenced(NetworkSpec net, List<float[]> masks) {
        Map<String, boolean[]> out = new LinkedHashMap<>();
        if (masks.isEmpty()) {
            return out;
        }
        for (Node n : net.nodes()) {
            if (n.kind() != NodeKind.BATCH_NORM) {
                continue;
            }
            Node from = net.node(n.input()).orElse(null);
            if (from == null || !from.kind().weighted()) {
                continue;
            }
            int l = net.indexOf(from.name()).orElseThrow();
            int fanIn = net.layers().get(l).fanIn();
            float[] m = masks.get(l);
            boolean[] dead = new boolean[from.units()];
            boolean any = false;
            for (int u = 0; u < dead.length; u++) {
                dead[u] = true;
                for (int i = u * fanIn; i < (u + 1) * fanIn && dead[u]; i++) {
                    dead[u] = m[i] == 0f;
                }
                any |= dead[u];
            }
            if (any) {
                out.put(n.name(), dead);
            }
        }
        return out;
    }

    private static boolean depthwise(NetworkSpec net, Node n) {
        return n.kind() == NodeKind.CONV && n.groups() > 1 && n.groups() == n.units()
                && n.groups() == net.shape(n.input()).channels();
    }

    private static List<Group> build(NetworkSpec net) {
        // Streams: union-find over node names.
        Map<String, String> parent = new HashMap<>();
        parent.put(NetworkSpec.INPUT, NetworkSpec.INPUT);
        List<Node> pads = new ArrayList<>();
        for (Node n : net.nodes()) {
            parent.put(n.name(), n.name());
            if (n.kind().passThrough() || n.kind() == NodeKind.ADD || depthwise(net, n)) {
                for (String in : n.inputs()) {
                    union(parent, n.name(), in);
                }
            } else if (n.kind() == NodeKind.KEPT) {
                throw new Topology.Coupled("the kept layer '" + n.name() + "' (a " + n.keptType() + ", run as "
                        + "saved) reads channels that prune cannot remove with it; structured pruning needs a "
                        + "network of layers prune runs itself");
            } else if (n.kind() == NodeKind.CONV && n.groups() != 1) {
                throw new Topology.Coupled("the grouped conv '" + n.name() + "' couples its filters with some of "
                        + "its input channels only; structured pruning handles plain and depthwise convs");
            } else if (n.kind() == NodeKind.ZERO_PAD) {
                pads.add(n);
            }
        }
        // One base index per stream, channels counted on a member that is a feature map or a weight layer.
        Map<String, Integer> width = new LinkedHashMap<>();
        width.put(find(parent, NetworkSpec.INPUT), net.channels());
        for (Node n : net.nodes()) {
            if (n.kind() != NodeKind.FLATTEN) {
                width.putIfAbsent(find(parent, n.name()), net.shape(n.name()).channels());
            }
        }
        Map<String, Integer> base = new HashMap<>();
        int total = 0;
        for (Map.Entry<String, Integer> e : width.entrySet()) {
            base.put(e.getKey(), total);
            total += e.getValue();
        }
        // Coupled channels: union-find over (stream, channel), joined through zero-pad shortcuts;
        // streams are joined the same way into groups.
        int[] channelParent = new int[total];
        for (int i = 0; i < total; i++) {
            channelParent[i] = i;
        }
        Map<String, String> streamParent = new HashMap<>();
        width.keySet().forEach(s -> streamParent.put(s, s));
        for (Node pad : pads) {
            String in = find(parent, pad.input());
            String out = find(parent, pad.name());
            union(streamParent, out, in);
            for (int i = 0; i < width.get(in); i++) {
                union(channelParent, base.get(in) + i, base.get(out) + i + PAD_OFFSET);
            }
        }
        int[] at = new int[total];
        for (int i = 0; i < total; i++) {
            at[i] = find(channelParent, i);
        }
        Map<Integer, List<Filter>> filters = new HashMap<>();
        Map<Integer, List<Input>> inputs = new HashMap<>();
        Map<Integer, List<Norm>> norms = new HashMap<>();
        Map<String, List<Integer>> layersOf = new LinkedHashMap<>();
        Map<String, Boolean> fixed = new HashMap<>();
        fixed.put(find(streamParent, find(parent, NetworkSpec.INPUT)), true);
        for (Node n : net.nodes()) {
            String stream = find(parent, n.name());
            String group = find(streamParent, stream);
            if (n.kind() == NodeKind.BATCH_NORM) {
                for (int c = 0; c < width.get(stream); c++) {
                    norms.computeIfAbsent(at[base.get(stream) + c], k -> new ArrayList<>()).add(new Norm(n.name(), c));
                }
            }
            if (!n.kind().weighted()) {
                continue;
            }
            int layer = net.indexOf(n.name()).orElseThrow();
            layersOf.computeIfAbsent(group, k -> new ArrayList<>()).add(layer);
            if (n.kind() == NodeKind.OUTPUT) {
                fixed.put(group, true);
            }
            for (int u = 0; u < n.units(); u++) {
                filters.computeIfAbsent(at[base.get(stream) + u], k -> new ArrayList<>()).add(new Filter(layer, u));
            }
            if (depthwise(net, n)) {
                continue;
            }
            String from = find(parent, n.input());
            int channels = width.get(from);
            int span = net.layers().get(layer).fanIn() / channels;
            for (int c = 0; c < channels; c++) {
                inputs.computeIfAbsent(at[base.get(from) + c], k -> new ArrayList<>()).add(new Input(layer, c, span));
            }
        }
        // Every stream that a weight layer writes belongs to a group named after its first writer.
        Map<String, List<Channel>> channelsOf = new LinkedHashMap<>();
        for (String group : layersOf.keySet()) {
            channelsOf.put(group, new ArrayList<>());
        }
        boolean[] done = new boolean[total];
        for (Map.Entry<String, Integer> e : width.entrySet()) {
            String group = find(streamParent, e.getKey());
            List<Channel> list = channelsOf.get(group);
            for (int c = 0; c < e.getValue(); c++) {
                int root = at[base.get(e.getKey()) + c];
                if (list == null || done[root]) {
                    continue;
                }
                done[root] = true;
                list.add(new Channel(filters.getOrDefault(root, List.of()), inputs.getOrDefault(root, List.of()),
                        norms.getOrDefault(root, List.of())));
            }
        }
        List<Group> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : layersOf.entrySet()) {
            List<Integer> layers = e.getValue().stream().sorted().toList();
            out.add(new Group(net.layers().get(layers.get(0)).name(), layers, channelsOf.get(e.getKey()),
                    !fixed.getOrDefault(e.getKey(), false)));
        }
        out.sort((a, b) -> Integer.compare(a.layers().get(0), b.layers().get(0)));
        return List.copyOf(out);
    }

    private static String find(Map<String, String> parent, String x) {
        String p = parent.get(x);
        while (!p.equals(x)) {
            x = p;
            p = parent.get(x);
        }
        return p;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(ra, rb);
        }
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[ra] = rb;
        }
    }
}

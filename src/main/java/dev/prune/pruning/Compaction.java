package dev.prune.pruning;

import dev.prune.engine.ChannelGroups;
import dev.prune.engine.Cut;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Node;
import dev.prune.engine.NodeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which channels a physically smaller network keeps, its shape, and the slices of per-layer arrays
 * (weights, masks) that belong to it. A channel (a unit of a dense layer, a filter of a conv) whose
 * every reading weight is pruned cannot influence the output, whatever its filter, bias or batch
 * norm computes, so leaving it out changes nothing; structured pruning leaves exactly such
 * channels. On a residual network a channel is a coupled one ({@link ChannelGroups}): it goes from
 * every writer of its stream, every batch norm on it and every reader at once, and only when all
 * the readers' slices of it are pruned. The output layer and the data keep all their channels; a
 * group keeps at least its first channel.
 */
public final class Compaction {
    private Compaction() {}

    /** What stays of {@code net} under {@code masks}; see {@link Cut}. */
    public static Cut cut(NetworkSpec net, List<float[]> masks) {
        Set<ChannelGroups.Filter> removed = new HashSet<>();
        for (ChannelGroups.Group g : new ChannelGroups(net).groups()) {
            if (!g.prunable()) {
                continue;
            }
            List<ChannelGroups.Channel> gone = new ArrayList<>();
            for (ChannelGroups.Channel c : g.channels()) {
                if (unread(net, masks, c)) {
                    gone.add(c);
                }
            }
            if (!gone.isEmpty() && gone.size() == g.channels().size()) {
                gone.remove(0);
            }
            gone.forEach(c -> removed.addAll(c.filters()));
        }
        List<int[]> units = new ArrayList<>();
        Map<String, Integer> widths = new HashMap<>();
        for (int l = 0; l < net.layers().size(); l++) {
            List<Integer> kept = new ArrayList<>();
            for (int u = 0; u < net.layers().get(l).nOut(); u++) {
                if (!removed.contains(new ChannelGroups.Filter(l, u))) {
                    kept.add(u);
                }
            }
            units.add(kept.stream().mapToInt(Integer::intValue).toArray());
            widths.put(net.layers().get(l).name(), kept.size());
        }
        Map<String, int[]> channels = channels(net, units);
        List<int[]> inputs = new ArrayList<>();
        Map<String, int[]> norms = new LinkedHashMap<>();
        for (Node n : net.nodes()) {
            if (n.kind() == NodeKind.BATCH_NORM) {
                norms.put(n.name(), channels.get(n.name()));
            } else if (n.kind() == NodeKind.ZERO_PAD) {
                widths.put(n.name(), channels.get(n.name()).length);
            } else if (n.kind().weighted()) {
                int l = net.indexOf(n.name()).orElseThrow();
                inputs.add(inputs(net, n, units.get(l), channels.get(n.input())));
            }
        }
        return new Cut(net, net.withUnits(widths), units, inputs, norms);
    }

    /** True when every weight that reads the channel is pruned (a channel nothing reads is kept). */
    private static boolean unread(NetworkSpec net, List<float[]> masks, ChannelGroups.Channel c) {
        if (c.inputs().isEmpty()) {
            return false;
        }
        for (ChannelGroups.Input in : c.inputs()) {
            LayerSpec reader = net.layers().get(in.layer());
            float[] m = masks.get(in.layer());
            for (int v = 0; v < reader.nOut(); v++) {
                int from = v * reader.fanIn() + in.channel() * in.span();
                for (int i = from; i < from + in.span(); i++) {
                    if (m[i] != 0f) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * The kept channels at every node's output, in the numbering before: a weight layer's are its
     * kept units, pass-through nodes keep their input's, an add keeps what its inputs keep (they
     * are one stream), and an option-A shortcut keeps its input's channels at their place
     * ({@link ChannelGroups#PAD_OFFSET} 0) and the zero channels the add after it keeps.
     */
    private static Map<String, int[]> channels(NetworkSpec net, List<int[]> units) {
        Map<String, int[]> kept = new HashMap<>();
        kept.put(NetworkSpec.INPUT, all(net.channels()));
        for (Node n : net.nodes()) {
            if (n.kind().weighted()) {
                kept.put(n.name(), units.get(net.indexOf(n.name()).orElseThrow()));
            } else if (n.kind() == NodeKind.ADD) {
                int[] first = null;
                for (String in : n.inputs()) {
                    int[] k = kept.get(in);
                    if (k == null) {
                        continue;
                    }
                    if (first != null && !Arrays.equals(first, k)) {
                        throw new IllegalStateException("the inputs of add '" + n.name() + "' keep different channels");
                    }
                    first = k;
                }
                kept.put(n.name(), first);
            } else if (n.kind() != NodeKind.ZERO_PAD) {
                kept.put(n.name(), kept.get(n.input()));
            }
        }
        for (Node pad : net.nodes()) {
            if (pad.kind() != NodeKind.ZERO_PAD) {
                continue;
            }
            int[] in = kept.get(pad.input());
            int[] out = net.readers(pad.name()).stream().filter(r -> r.kind() == NodeKind.ADD)
                    .map(r -> kept.get(r.name())).findFirst().orElse(null);
            if (out == null) {
                int width = net.shape(pad.input()).channels();
                out = new int[in.length + pad.units() - width];
                System.arraycopy(in, 0, out, 0, in.length);
                for (int i = in.length; i < out.length; i++) {
                    out[i] = width + i - in.length;
                }
            }
            if (out.length < in.length || !Arrays.equals(in, Arrays.copyOf(out, in.length))) {
                throw new IllegalStateException("shortcut '" + pad.name() + "' would not keep its input's channels");
            }
            kept.put(pad.name(), out);
            // Nodes after the pad that took their channels from it before they were known.
            for (Node n : net.nodes()) {
                if (n.inputs().contains(pad.name()) && kept.get(n.name()) == null) {
                    kept.put(n.name(), out);
                }
            }
        }
        return kept;
    }

    /** Kept positions of the input axis of a weight node's W (see {@link Cut#inputs}). */
    private static int[] inputs(NetworkSpec net, Node n, int[] units, int[] channels) {
        if (depthwise(net, n)) {
            return units;
        }
        if (n.kind() == NodeKind.CONV) {
            return channels;
        }
        int span = net.layers().get(net.indexOf(n.name()).orElseThrow()).fanIn() / channelCount(net, n.input());
        int[] out = new int[channels.length * span];
        for (int i = 0; i < channels.length; i++) {
            for (int t = 0; t < span; t++) {
                out[i * span + t] = channels[i] * span + t;
            }
        }
        return out;
    }

    /** Channels at a node's output; a flatten has its input's (a channel is a block of positions). */
    private static int channelCount(NetworkSpec net, String node) {
        Node n = net.node(node).orElse(null);
        return n != null && n.kind() == NodeKind.FLATTEN ? channelCount(net, n.input()) : net.shape(node).channels();
    }

    private static boolean depthwise(NetworkSpec net, Node n) {
        return n.kind() == NodeKind.CONV && n.groups() > 1 && n.groups() == n.units()
                && n.groups() == net.shape(n.input()).channels();
    }

    private static int[] all(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** Fan-in positions of layer l that the smaller network keeps, in increasing order. */
    public static int[] fanIn(Cut cut, int l) {
        LayerSpec s = cut.before().layers().get(l);
        if (s.groups() > 1) {
            return all(s.fanIn());
        }
        if (s.kind() != dev.prune.engine.LayerKind.CONV) {
            return cut.inputs().get(l);
        }
        int area = s.kernel() * s.kernel();
        int[] channels = cut.inputs().get(l);
        int[] out = new int[channels.length * area];
        for (int i = 0; i < channels.length; i++) {
            for (int t = 0; t < area; t++) {
                out[i * area + t] = channels[i] * area + t;
            }
        }
        return out;
    }

    /** Layer l's flat array (weights, a mask) restricted to kept units and kept inputs: the smaller layer's. */
    public static float[] slice(Cut cut, int l, float[] flat) {
        int fanIn = cut.before().layers().get(l).fanIn();
        int[] in = fanIn(cut, l);
        int[] units = cut.units().get(l);
        float[] out = new float[units.length * in.length];
        for (int i = 0; i < units.length; i++) {
            for (int j = 0; j < in.length; j++) {
                out[i * in.length + j] = flat[units[i] * fanIn + in[j]];
            }
        }
        return out;
    }

    /** Every layer's array sliced; null stays null. */
    public static List<float[]> slice(Cut cut, List<float[]> perLayer) {
        if (perLayer == null) {
            return null;
        }
        List<float[]> out = new ArrayList<>();
        for (int l = 0; l < perLayer.size(); l++) {
            out.add(slice(cut, l, perLayer.get(l)));
        }
        return out;
    }
}

package dev.prune.pruning;

import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Topology;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a unit's weights are in the flat layout. Unit u of layer l (a neuron or a filter) owns its
 * incoming weights, positions [u * fanIn, (u + 1) * fanIn) of layer l, and feeds the layer that
 * the graph says reads it ({@link Topology#next}) through {@link #span} consecutive fan-in
 * positions per output of that layer: one for a dense layer, kernel^2 for a conv layer (input
 * channel u of every filter), and the side^2 values of its pooled feature map where a conv layer
 * is flattened into a dense one (DL4J flattens channel by channel, so channel u is the block
 * [u * side^2, (u + 1) * side^2)). Where the graph couples units across layers (a residual add),
 * these methods throw {@link Topology.Coupled}.
 */
public final class Units {
    private Units() {}

    /** How many consecutive fan-in positions of the layer reading it one unit of layer l feeds. */
    public static int span(NetworkSpec net, int l) {
        return net.topology().next(l).map(Topology.Feed::span).orElse(1);
    }

    /** True when every incoming weight of the unit is pruned. */
    public static boolean inPruned(NetworkSpec net, float[] mask, int l, int u) {
        int fanIn = net.layers().get(l).fanIn();
        for (int i = u * fanIn; i < (u + 1) * fanIn; i++) {
            if (mask[i] != 0f) {
                return false;
            }
        }
        return true;
    }

    /** True when every weight through which the unit feeds the next layer is pruned (never for the output layer). */
    public static boolean outPruned(NetworkSpec net, List<float[]> masks, int l, int u) {
        Optional<Topology.Feed> feed = net.topology().next(l);
        if (feed.isEmpty()) {
            return false;
        }
        LayerSpec next = net.layers().get(feed.get().layer());
        float[] m = masks.get(feed.get().layer());
        int span = feed.get().span();
        for (int v = 0; v < next.nOut(); v++) {
            int from = v * next.fanIn() + u * span;
            for (int i = from; i < from + span; i++) {
                if (m[i] != 0f) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A unit still takes part when it has a kept incoming and a kept outgoing weight. */
    public static boolean alive(NetworkSpec net, List<float[]> masks, int l, int u) {
        return !inPruned(net, masks.get(l), l, u) && !outPruned(net, masks, l, u);
    }

    /** Prunes the unit in place: its incoming weights and the weights through which it feeds the next layer. */
    public static void remove(NetworkSpec net, List<float[]> masks, int l, int u) {
        int fanIn = net.layers().get(l).fanIn();
        Arrays.fill(masks.get(l), u * fanIn, (u + 1) * fanIn, 0f);
        Optional<Topology.Feed> feed = net.topology().next(l);
        if (feed.isEmpty()) {
            return;
        }
        LayerSpec next = net.layers().get(feed.get().layer());
        float[] m = masks.get(feed.get().layer());
        int span = feed.get().span();
        for (int v = 0; v < next.nOut(); v++) {
            int from = v * next.fanIn() + u * span;
            Arrays.fill(m, from, from + span, 0f);
        }
    }

    /** Units of layer l that are still alive. */
    public static int aliveCount(NetworkSpec net, List<float[]> masks, int l) {
        int n = 0;
        for (int u = 0; u < net.layers().get(l).nOut(); u++) {
            if (alive(net, masks, l, u)) {
                n++;
            }
        }
        return n;
    }
}

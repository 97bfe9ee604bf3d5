package dev.prune.pruning;

import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which units a physically smaller network keeps, its shape, and its weights. A hidden unit whose
 * every outgoing weight is pruned cannot influence the output, whatever its bias, so leaving it
 * out changes nothing; structured pruning leaves exactly such units. The output layer keeps all.
 */
public final class Compaction {
    private Compaction() {}

    /** Kept units of each layer, in increasing order; a hidden layer keeps at least its first unit. */
    public static List<int[]> keep(NetworkSpec net, List<float[]> masks) {
        List<int[]> keep = new ArrayList<>();
        for (int l = 0; l < net.layers().size(); l++) {
            int units = net.layers().get(l).nOut();
            List<Integer> kept = new ArrayList<>();
            for (int u = 0; u < units; u++) {
                if (!Units.outPruned(net, masks, l, u)) {
                    kept.add(u);
                }
            }
            if (kept.isEmpty()) {
                kept.add(0);
            }
            keep.add(kept.stream().mapToInt(Integer::intValue).toArray());
        }
        return keep;
    }

    /** True when the smaller network would have the same shape. */
    public static boolean keepsAll(NetworkSpec net, List<int[]> keep) {
        for (int l = 0; l < keep.size(); l++) {
            if (keep.get(l).length != net.layers().get(l).nOut()) {
                return false;
            }
        }
        return true;
    }

    /** The same graph with each weight layer's units cut to the kept ones; the shapes follow. */
    public static NetworkSpec smaller(NetworkSpec net, List<int[]> keep) {
        Map<String, Integer> units = new HashMap<>();
        for (int l = 0; l < net.layers().size(); l++) {
            units.put(net.layers().get(l).name(), keep.get(l).length);
        }
        return net.withUnits(units);
    }

    /** Fan-in positions of layer l that the smaller network keeps, in increasing order. */
    public static int[] inputs(NetworkSpec net, List<int[]> keep, int l) {
        LayerSpec s = net.layers().get(l);
        Optional<Integer> previous = net.topology().previous(l);
        if (previous.isEmpty()) {
            int[] all = new int[s.fanIn()];
            for (int j = 0; j < all.length; j++) {
                all[j] = j;
            }
            return all;
        }
        int span = Units.span(net, previous.get());
        int[] units = keep.get(previous.get());
        int[] out = new int[units.length * span];
        for (int i = 0; i < units.length; i++) {
            for (int t = 0; t < span; t++) {
                out[i * span + t] = units[i] * span + t;
            }
        }
        return out;
    }

    /** Layer l's weights (flat layout) restricted to kept units and kept inputs: the smaller layer's flat weights. */
    public static float[] slice(NetworkSpec net, List<int[]> keep, int l, float[] weights) {
        int fanIn = net.layers().get(l).fanIn();
        int[] in = inputs(net, keep, l);
        int[] units = keep.get(l);
        float[] out = new float[units.length * in.length];
        for (int i = 0; i < units.length; i++) {
            for (int j = 0; j < in.length; j++) {
                out[i * in.length + j] = weights[units[i] * fanIn + in[j]];
            }
        }
        return out;
    }
}

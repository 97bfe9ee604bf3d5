package dev.prune.pruning;

import dev.prune.engine.LayerKind;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

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

    public static NetworkSpec smaller(NetworkSpec net, List<int[]> keep) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int l = 0; l < net.layers().size(); l++) {
            LayerSpec s = net.layers().get(l);
            int nIn = s.nIn();
            if (l > 0) {
                LayerSpec prev = net.layers().get(l - 1);
                boolean flatten = prev.kind() == LayerKind.CONV && s.kind() != LayerKind.CONV;
                int side = Units.side(prev);
                nIn = keep.get(l - 1).length * (flatten ? side * side : 1);
            }
            layers.add(new LayerSpec(s.name(), s.kind(), nIn, keep.get(l).length, s.kernel(), s.padding(),
                    s.poolAfter(), s.inputHeight(), s.activation()));
        }
        return new NetworkSpec(net.name(), net.channels(), net.height(), net.width(), layers);
    }

    /** Fan-in positions of layer l that the smaller network keeps, in increasing order. */
    public static int[] inputs(NetworkSpec net, List<int[]> keep, int l) {
        LayerSpec s = net.layers().get(l);
        if (l == 0) {
            int[] all = new int[s.fanIn()];
            for (int j = 0; j < all.length; j++) {
                all[j] = j;
            }
            return all;
        }
        int span = Units.span(net, l - 1);
        int[] units = keep.get(l - 1);
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

package dev.prune.pruning;

import dev.prune.engine.LayerKind;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.UnitActivity;
import java.util.List;
import java.util.Locale;

/**
 * The per-cycle numbers of ShrinkBench's conventions, over the weights the masks cover (biases,
 * under 0.2% of LeNet-300-100's parameters, are left out): compression ratio = all weights /
 * kept weights; theoretical speed-up = multiply-adds of the dense network / those of the kept
 * weights (a conv weight counts once per output position). And AP's dead neuron rate.
 */
public final class Cost {
    private Cost() {}

    /** Infinite when nothing is kept. */
    public static double compression(List<float[]> masks) {
        long kept = Density.kept(masks);
        return kept == 0 ? Double.POSITIVE_INFINITY : (double) Density.total(masks) / kept;
    }

    public static double speedup(NetworkSpec net, List<float[]> masks) {
        double dense = 0;
        double kept = 0;
        for (int l = 0; l < masks.size(); l++) {
            long flops = net.layers().get(l).flopsPerWeight();
            dense += (double) flops * masks.get(l).length;
            kept += (double) flops * Density.kept(masks.get(l));
        }
        return kept == 0 ? Double.POSITIVE_INFINITY : dense / kept;
    }

    /** True when some hidden layer uses ReLU, so that a dead neuron rate means something. */
    public static boolean hasRelu(NetworkSpec net) {
        for (int l = 0; l < net.layers().size(); l++) {
            if (relu(net, l)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether layer l's units, where their activity is read ({@link dev.prune.engine.Topology#activated}),
     * are ReLU outputs: its own activation, or the ReLU node after its batch norm in a graph; a
     * ResNet block's second conv is read at the ReLU after the residual add, so those count too.
     */
    private static boolean relu(NetworkSpec net, int l) {
        LayerSpec s = net.layers().get(l);
        String at = net.topology().activated(l);
        String activation = net.node(at).map(n -> n.activation()).orElse(s.activation());
        return s.kind() != LayerKind.OUTPUT && activation.toLowerCase(Locale.ROOT).equals("relu");
    }

    /**
     * Dead neuron rate [reconstructed from the AP paper]: the share of all ReLU outputs (every
     * neuron, every position of every filter) that are exactly 0 on the training examples seen.
     * NaN when no hidden layer uses ReLU.
     */
    public static double deadRate(NetworkSpec net, UnitActivity activity) {
        double zeros = 0;
        double all = 0;
        for (int l = 0; l < net.layers().size(); l++) {
            LayerSpec s = net.layers().get(l);
            if (!relu(net, l)) {
                continue;
            }
            double positions = s.kind() == LayerKind.CONV ? (double) s.outputHeight() * s.outputHeight() : 1;
            for (float z : activity.zeroShare().get(l)) {
                zeros += z * positions;
                all += positions;
            }
        }
        return all == 0 ? Double.NaN : zeros / all;
    }
}

package dev.prune.pruning;

import dev.prune.engine.NetworkSpec;
import java.util.List;

/**
 * Multiply-adds per example of the weighted layers, dense and with the pruned weights left out
 * (ShrinkBench's theoretical count: biases, activations and pooling are not counted; a conv
 * weight costs one multiply-add per output position).
 */
public final class Flops {
    private Flops() {}

    public static long dense(NetworkSpec network) {
        return network.multiplyAdds();
    }

    public static long remaining(NetworkSpec network, List<float[]> masks) {
        long n = 0;
        for (int i = 0; i < network.layers().size(); i++) {
            n += Density.kept(masks.get(i)) * network.layers().get(i).flopsPerWeight();
        }
        return n;
    }

    /** Dense over remaining multiply-adds: the theoretical speed-up; infinite when nothing is left. */
    public static double ratio(NetworkSpec network, List<float[]> masks) {
        long left = remaining(network, masks);
        return left == 0 ? Double.POSITIVE_INFINITY : (double) dense(network) / left;
    }
}

package dev.prune.plan;

import dev.prune.engine.NetworkSpec;
import dev.prune.pruning.MaskPlanner;
import java.util.Set;

/**
 * Kept weights per layer as the plan can tell them without weights. A layer-wise step removes
 * ceil(rate * remaining) of each layer, exactly as {@link MaskPlanner} does. A global step removes
 * an exact total, but how it splits between layers depends on the weights; the plan spreads it in
 * proportion to what each layer keeps and marks the split as an estimate.
 */
final class PlannedMasks {
    private final long[] total;
    private final double[] kept;
    private boolean exact = true;

    PlannedMasks(NetworkSpec network) {
        total = new long[network.layers().size()];
        kept = new double[total.length];
        for (int l = 0; l < total.length; l++) {
            total[l] = network.layers().get(l).weightCount();
            kept[l] = total[l];
        }
    }

    private PlannedMasks(PlannedMasks other) {
        total = other.total.clone();
        kept = other.kept.clone();
        exact = other.exact;
    }

    PlannedMasks copy() {
        return new PlannedMasks(this);
    }

    boolean exact() {
        return exact;
    }

    double sparsity() {
        return sparsity(null);
    }

    /** Sparsity of the given layers together; all layers for null. */
    double sparsity(Set<Integer> layers) {
        double all = 0;
        double left = 0;
        for (int l = 0; l < total.length; l++) {
            if (layers == null || layers.contains(l)) {
                all += total[l];
                left += kept[l];
            }
        }
        return all == 0 ? 0 : 1 - left / all;
    }

    double[] layers() {
        double[] out = new double[total.length];
        for (int l = 0; l < total.length; l++) {
            out[l] = total[l] == 0 ? 0 : 1 - kept[l] / total[l];
        }
        return out;
    }

    /**
     * After {@code compact} the run counts the smaller network's weights: the plan takes those it
     * counts as kept (an estimate, as its counts of whole units are) as the new whole.
     */
    void compact() {
        for (int l = 0; l < total.length; l++) {
            total[l] = Math.round(kept[l]);
            kept[l] = total[l];
        }
    }

    /** A layer's mask replaced by one of this sparsity (RigL's random start). */
    void reset(int layer, double sparsity) {
        kept[layer] = total[layer] - Math.floor(sparsity * total[layer] + 1e-9);
    }

    void prune(double rate, Set<Integer> layers, boolean global) {
        if (!global) {
            for (int l : layers) {
                kept[l] -= MaskPlanner.count(rate, Math.round(kept[l]));
            }
            return;
        }
        double left = 0;
        for (int l : layers) {
            left += kept[l];
        }
        int removed = MaskPlanner.count(rate, Math.round(left));
        for (int l : layers) {
            kept[l] -= left == 0 ? 0 : removed * kept[l] / left;
        }
        exact &= layers.size() == 1;
    }
}

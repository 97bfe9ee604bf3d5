package dev.prune.plan;

import dev.prune.engine.NetworkSpec;
import dev.prune.pruning.MaskPlanner;
import dev.prune.pruning.UnitPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Kept weights per layer as the plan can tell them without weights. A layer-wise step removes
 * ceil(rate * remaining) of each layer, exactly as {@link MaskPlanner} does. A global step removes
 * an exact total, but how it splits between layers depends on the weights; the plan spreads it in
 * proportion to what each layer keeps and marks the split as an estimate. A structured step
 * removes whole units and, with them, the weights through which they feed the layers that read
 * them: the plan runs {@link UnitPlanner} itself on masks of its own to count those.
 */
final class PlannedMasks {
    private final NetworkSpec network;
    private final long[] total;
    private final double[] kept;
    private boolean exact = true;
    /** The units the structured steps removed so far, as masks; null before the first. Never changed in place. */
    private List<float[]> units;

    PlannedMasks(NetworkSpec network) {
        this.network = network;
        total = new long[network.layers().size()];
        kept = new double[total.length];
        for (int l = 0; l < total.length; l++) {
            total[l] = network.layers().get(l).weightCount();
            kept[l] = total[l];
        }
    }

    private PlannedMasks(PlannedMasks other) {
        network = other.network;
        units = other.units;
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

    /**
     * A structured step: ceil(rate * alive) whole units (coupled channels on a residual network) of
     * the layers, as {@link UnitPlanner} removes them, with their incoming weights and the readers'
     * input slices. How many go does not depend on the scores, so the plan scores each unit by its
     * position in its layer, which spreads a global step over the layers in proportion to their
     * units (an estimate: the run's split follows the weights). Each layer keeps the share of its
     * weights that the simulated masks keep of theirs.
     */
    void pruneUnits(double rate, Set<Integer> layers, boolean global) {
        int n = total.length;
        if (units == null) {
            units = new ArrayList<>();
            for (int l = 0; l < n; l++) {
                float[] ones = new float[(int) network.layers().get(l).weightCount()];
                java.util.Arrays.fill(ones, 1f);
                units.add(ones);
            }
        }
        boolean[] selected = new boolean[n];
        List<float[]> scores = new ArrayList<>();
        for (int l = 0; l < n; l++) {
            selected[l] = layers.contains(l);
            int nOut = network.layers().get(l).nOut();
            float[] s = new float[nOut];
            for (int u = 0; u < nOut; u++) {
                s[u] = (u + 0.5f) / nOut;
            }
            scores.add(s);
        }
        List<float[]> after = UnitPlanner.prune(network, scores, units, selected, rate, global);
        for (int l = 0; l < n; l++) {
            double before = ones(units.get(l));
            if (before > 0) {
                kept[l] *= ones(after.get(l)) / before;
            }
        }
        units = after;
        exact &= !global || layers.size() == 1;
    }

    private static double ones(float[] mask) {
        double k = 0;
        for (float v : mask) {
            k += v;
        }
        return k;
    }
}

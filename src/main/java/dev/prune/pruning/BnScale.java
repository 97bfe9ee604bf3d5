package dev.prune.pruning;

import dev.prune.engine.LayerKind;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Norms;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Network slimming (Liu et al., ICCV 2017): a channel's importance is |γ| of the batch norm right
 * after its layer, the scale that an L1 penalty during training drives towards zero for the
 * channels the network can do without. The paper prunes at one threshold over all layers, which
 * is {@code global} here; on a residual network a coupled channel's score is the sum of its
 * writers' |γ| ({@link GroupPlanner}). A layer without a batch norm right after it has no score
 * and is never pruned by this criterion; the checker refuses selecting one.
 */
public final class BnScale extends UnitCriterion {

    public BnScale() {
        super(Set.of(LayerKind.CONV, LayerKind.DENSE));
    }

    @Override
    public String refuses(NetworkSpec net, int l) {
        if (Norms.after(net).get(l) != null) {
            return null;
        }
        return "bn_scale ranks a layer's channels by the gamma of the batch norm right after it, and '"
                + net.layers().get(l).name() + "' has none";
    }

    @Override
    public List<float[]> unitScores(ScoreInputs inputs) {
        return magnitudes(inputs.probe().normScales());
    }

    private static List<float[]> magnitudes(List<float[]> gammas) {
        List<float[]> out = new ArrayList<>();
        for (float[] gamma : gammas) {
            if (gamma == null) {
                out.add(null);
                continue;
            }
            float[] s = new float[gamma.length];
            for (int u = 0; u < s.length; u++) {
                s[u] = Math.abs(gamma[u]);
            }
            out.add(s);
        }
        return out;
    }

    /**
     * The channel mask network slimming would prune to now, as early-bird tickets compare it: one
     * flag per unit of every layer with a batch norm right after it (in layer order), true when
     * the unit survives {@code ratio} of the alive channels removed by |γ| at one threshold over
     * all those layers (through the coupled groups on a residual network).
     */
    public static boolean[] keptChannels(NetworkSpec net, List<float[]> gammas, List<float[]> masks, double ratio) {
        List<String> norms = Norms.after(net);
        boolean[] selected = new boolean[net.layers().size()];
        int units = 0;
        for (int l = 0; l < selected.length; l++) {
            selected[l] = norms.get(l) != null;
            units += selected[l] ? net.layers().get(l).nOut() : 0;
        }
        List<float[]> pruned = UnitPlanner.prune(net, magnitudes(gammas), masks, selected, ratio, true);
        boolean[] kept = new boolean[units];
        int i = 0;
        for (int l = 0; l < selected.length; l++) {
            if (selected[l]) {
                for (int u = 0; u < net.layers().get(l).nOut(); u++) {
                    kept[i++] = !Units.inPruned(net, pruned.get(l), l, u);
                }
            }
        }
        return kept;
    }

    /** Layers without a batch norm after them take no part, even when selected. */
    @Override
    public List<float[]> prune(ScoreInputs inputs, boolean[] selected, double rate, boolean global) {
        List<String> norms = Norms.after(inputs.network());
        boolean[] scored = selected.clone();
        for (int l = 0; l < scored.length; l++) {
            scored[l] &= norms.get(l) != null;
        }
        return UnitPlanner.prune(inputs.network(), unitScores(inputs), inputs.masks(), scored, rate, global);
    }
}

package dev.prune.pruning;

import dev.prune.engine.LayerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Hessian-aware importance of whole neurons and filters, for the founding survey's Hessian-aware
 * neuron pruning (train under a penalty on the Hessian's spectral radius, prune the neurons whose
 * removal changes the loss least). Removing unit u sets its incoming weights θ_u to zero, which by
 * the second-order Taylor expansion changes the loss by −g_u·θ_u + ½ θ_uᵀ H_uu θ_u.
 * [reconstructed] The score is ½ Σ_{i∈u} θ_i (Hθ)_i + |Σ_{i∈u} θ_i g_i|: one Hessian-vector
 * product H θ for all units, so the second-order term also carries the unit's coupling
 * θ_uᵀ H_uv θ_v to the other weights (the exact block θ_uᵀ H_uu θ_u would need one product per
 * unit); the first-order term is taken in magnitude as in Molchanov et al.'s Taylor criterion.
 * g and H are those of the mean loss on the first {@code batches} training mini-batches; pruned
 * weights count as zero. Lowest score goes first.
 */
public final class HessianUnits extends UnitCriterion {
    private final int batches;

    public HessianUnits(int batches) {
        super(Set.of(LayerKind.DENSE, LayerKind.CONV));
        this.batches = batches;
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.GRADIENTS);
    }

    @Override
    public List<float[]> unitScores(ScoreInputs inputs) {
        List<float[]> theta = new ArrayList<>();
        for (int l = 0; l < inputs.weights().size(); l++) {
            float[] w = inputs.weights().get(l);
            float[] m = inputs.masks().get(l);
            float[] t = new float[w.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = w[i] * m[i];
            }
            theta.add(t);
        }
        List<float[]> g = inputs.probe().gradient(batches, 1.0);
        List<float[]> hTheta = inputs.probe().hessianVector(batches, theta);
        return scores(inputs, theta, g, hTheta);
    }

    /** The scores from θ (masked), g and H θ, one array per layer with one score per unit. */
    static List<float[]> scores(ScoreInputs inputs, List<float[]> theta, List<float[]> g, List<float[]> hTheta) {
        List<float[]> out = new ArrayList<>();
        for (int l = 0; l < theta.size(); l++) {
            int units = inputs.network().layers().get(l).nOut();
            int fanIn = inputs.network().layers().get(l).fanIn();
            float[] t = theta.get(l);
            float[] s = new float[units];
            for (int u = 0; u < units; u++) {
                double second = 0;
                double first = 0;
                for (int i = u * fanIn; i < (u + 1) * fanIn; i++) {
                    second += (double) t[i] * hTheta.get(l)[i];
                    first += (double) t[i] * g.get(l)[i];
                }
                s[u] = (float) (0.5 * second + Math.abs(first));
            }
            out.add(s);
        }
        return out;
    }
}

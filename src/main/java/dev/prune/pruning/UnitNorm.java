package dev.prune.pruning;

import dev.prune.engine.LayerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Norm of a unit's kept incoming weights: L1 for filters as in Li et al. 2017 ("Pruning filters
 * for efficient ConvNets"), or L2; the same for the neurons of dense layers.
 */
public final class UnitNorm extends UnitCriterion {
    private final boolean l2;

    public UnitNorm(boolean l2, Set<LayerKind> kinds) {
        super(kinds);
        this.l2 = l2;
    }

    @Override
    public List<float[]> unitScores(ScoreInputs inputs) {
        List<float[]> out = new ArrayList<>();
        for (int l = 0; l < inputs.weights().size(); l++) {
            int units = inputs.network().layers().get(l).nOut();
            int fanIn = inputs.network().layers().get(l).fanIn();
            float[] w = inputs.weights().get(l);
            float[] m = inputs.masks().get(l);
            float[] s = new float[units];
            for (int u = 0; u < units; u++) {
                double sum = 0;
                for (int i = u * fanIn; i < (u + 1) * fanIn; i++) {
                    double v = (double) w[i] * m[i];
                    sum += l2 ? v * v : Math.abs(v);
                }
                s[u] = (float) (l2 ? Math.sqrt(sum) : sum);
            }
            out.add(s);
        }
        return out;
    }
}

package dev.prune.pruning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Weight change |w_T - w_{T-1}| over the last training (the criterion of the SILO authors'
 * released scripts), optionally times |w_T| as their VGG scripts do: weights that moved least go
 * first. [reconstructed] T-1 is read as the start of the last training phase.
 */
public final class WeightChange implements Criterion {
    private final boolean timesMagnitude;

    public WeightChange(boolean timesMagnitude) {
        this.timesMagnitude = timesMagnitude;
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.HISTORY);
    }

    @Override
    public List<float[]> scores(ScoreInputs inputs) {
        List<float[]> before = inputs.probe().previous();
        List<float[]> out = new ArrayList<>();
        for (int l = 0; l < inputs.weights().size(); l++) {
            float[] w = inputs.weights().get(l);
            float[] p = before.get(l);
            float[] s = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                s[i] = Math.abs(w[i] - p[i]) * (timesMagnitude ? Math.abs(w[i]) : 1f);
            }
            out.add(s);
        }
        return out;
    }
}

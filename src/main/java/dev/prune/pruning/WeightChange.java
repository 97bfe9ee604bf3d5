package dev.prune.pruning;

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
        return PerWeight.scores(inputs.weights(), inputs.probe().previous(),
                (w, p) -> Math.abs(w - p) * (timesMagnitude ? Math.abs(w) : 1f));
    }
}

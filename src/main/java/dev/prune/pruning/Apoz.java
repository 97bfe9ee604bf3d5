package dev.prune.pruning;

import dev.prune.engine.LayerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * APoZ, the average percentage of zeros of a unit's ReLU outputs (Hu, Peng, Tai and Tang 2016,
 * "Network trimming"): units that are mostly zero go first. Score = 1 - APoZ.
 */
public final class Apoz extends UnitCriterion {
    private final int examples;

    /** @param examples training examples to measure on, 0 for all */
    public Apoz(int examples) {
        super(Set.of(LayerKind.DENSE, LayerKind.CONV));
        this.examples = examples;
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.ACTIVATIONS);
    }

    @Override
    public List<float[]> unitScores(ScoreInputs inputs) {
        List<float[]> out = new ArrayList<>();
        for (float[] zeros : inputs.probe().activity(examples).zeroShare()) {
            float[] s = new float[zeros.length];
            for (int u = 0; u < s.length; u++) {
                s[u] = 1f - zeros[u];
            }
            out.add(s);
        }
        return out;
    }
}

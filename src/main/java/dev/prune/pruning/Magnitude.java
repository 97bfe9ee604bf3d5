package dev.prune.pruning;

import java.util.ArrayList;
import java.util.List;

/**
 * |w|: the magnitude criterion of iterative magnitude pruning and the lottery ticket. The L2
 * form scores w^2, which ranks single weights the same way; it differs from L1 only over whole
 * units (see {@link UnitNorm}).
 */
public final class Magnitude implements Criterion {
    private final boolean squared;

    public Magnitude() {
        this(false);
    }

    public Magnitude(boolean squared) {
        this.squared = squared;
    }

    @Override
    public List<float[]> scores(ScoreInputs inputs) {
        List<float[]> out = new ArrayList<>();
        for (float[] w : inputs.weights()) {
            float[] s = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                s[i] = squared ? w[i] * w[i] : Math.abs(w[i]);
            }
            out.add(s);
        }
        return out;
    }
}

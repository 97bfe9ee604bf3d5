package dev.prune.pruning;

import java.util.ArrayList;
import java.util.List;

/** |w|: the magnitude criterion of iterative magnitude pruning and the lottery ticket. */
public final class Magnitude implements Criterion {

    @Override
    public List<float[]> scores(ScoreInputs inputs) {
        List<float[]> out = new ArrayList<>();
        for (float[] w : inputs.weights()) {
            float[] s = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                s[i] = Math.abs(w[i]);
            }
            out.add(s);
        }
        return out;
    }
}

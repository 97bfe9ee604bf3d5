package dev.prune.pruning;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Uniform random scores: the baseline every pruning comparison needs. Seeded per step. */
public final class RandomScores implements Criterion {

    @Override
    public List<float[]> scores(ScoreInputs inputs) {
        SplittableRandom random = new SplittableRandom(inputs.seed());
        List<float[]> out = new ArrayList<>();
        for (float[] w : inputs.weights()) {
            float[] s = new float[w.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) random.nextDouble();
            }
            out.add(s);
        }
        return out;
    }
}

package dev.prune.pruning;

import dev.prune.engine.LayerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * DropNet (Min, Gao, Hoang and Gao 2020): a node's score is the mean of |post-activation| over
 * training examples (a filter's over positions too). The minimum variant drops the lowest; the
 * maximum variant the highest; the random variant units at random.
 */
public final class MeanActivation extends UnitCriterion {
    public enum Variant { MIN, MAX, RANDOM }

    private final Variant variant;
    private final int examples;

    /** @param examples training examples to average over, 0 for all */
    public MeanActivation(Variant variant, int examples) {
        super(Set.of(LayerKind.DENSE, LayerKind.CONV));
        this.variant = variant;
        this.examples = examples;
    }

    @Override
    public Set<Need> needs() {
        return variant == Variant.RANDOM ? Set.of() : Set.of(Need.ACTIVATIONS);
    }

    @Override
    public List<float[]> unitScores(ScoreInputs inputs) {
        List<float[]> out = new ArrayList<>();
        if (variant == Variant.RANDOM) {
            SplittableRandom random = new SplittableRandom(inputs.seed());
            for (int l = 0; l < inputs.weights().size(); l++) {
                float[] s = new float[inputs.network().layers().get(l).nOut()];
                for (int u = 0; u < s.length; u++) {
                    s[u] = (float) random.nextDouble();
                }
                out.add(s);
            }
            return out;
        }
        for (float[] mean : inputs.probe().activity(examples).meanAbs()) {
            float[] s = mean.clone();
            if (variant == Variant.MAX) {
                for (int u = 0; u < s.length; u++) {
                    s[u] = -s[u];
                }
            }
            out.add(s);
        }
        return out;
    }
}

package dev.prune.pruning;

import dev.prune.engine.LayerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A structured criterion: one score per unit (neuron or filter), higher kept longer; pruning
 * removes whole units through {@link UnitPlanner}. Its rates count units, not weights.
 */
public abstract class UnitCriterion implements Criterion {
    private final Set<LayerKind> kinds;

    protected UnitCriterion(Set<LayerKind> kinds) {
        this.kinds = Set.copyOf(kinds);
    }

    /** One array per layer with one score per unit; layers the criterion does not support may be null. */
    public abstract List<float[]> unitScores(ScoreInputs inputs);

    /** Each weight gets its unit's score, for reading scores side by side with other criteria. */
    @Override
    public List<float[]> scores(ScoreInputs inputs) {
        List<float[]> units = unitScores(inputs);
        List<float[]> out = new ArrayList<>();
        for (int l = 0; l < inputs.weights().size(); l++) {
            float[] s = new float[inputs.weights().get(l).length];
            float[] u = units.get(l);
            if (u != null) {
                int fanIn = inputs.network().layers().get(l).fanIn();
                for (int i = 0; i < s.length; i++) {
                    s[i] = u[i / fanIn];
                }
            }
            out.add(s);
        }
        return out;
    }

    @Override
    public List<float[]> prune(ScoreInputs inputs, boolean[] selected, double rate, boolean global) {
        return UnitPlanner.prune(inputs.network(), unitScores(inputs), inputs.masks(), selected, rate, global);
    }

    @Override
    public boolean structured() {
        return true;
    }

    @Override
    public boolean supports(LayerKind kind) {
        return kinds.contains(kind);
    }

    /** The kinds this criterion prunes, in words for messages: "dense", "conv", "dense and conv". */
    public String kindsWords() {
        List<String> words = new ArrayList<>();
        for (LayerKind k : LayerKind.values()) {
            if (kinds.contains(k)) {
                words.add(k.word());
            }
        }
        return String.join(" and ", words);
    }
}

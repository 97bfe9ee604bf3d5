package dev.prune.pruning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * GraSP (Wang, Zhang and Grosse, ICLR 2020), as in the authors' code: score w ⊙ (H g), with g the
 * gradient and H the Hessian of the loss whose logits are divided by a temperature (200). The code
 * removes the largest -w ⊙ Hg, so the lowest w ⊙ Hg goes first here: removing those weights
 * reduces the gradient flow least.
 */
public final class Grasp implements Criterion {
    private final int batches;
    private final double temperature;

    public Grasp(int batches, double temperature) {
        this.batches = batches;
        this.temperature = temperature;
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.GRADIENTS);
    }

    @Override
    public List<float[]> scores(ScoreInputs inputs) {
        List<float[]> hg = inputs.probe().hessianGradient(batches, temperature);
        List<float[]> out = new ArrayList<>();
        for (int l = 0; l < hg.size(); l++) {
            float[] w = inputs.weights().get(l);
            float[] s = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                s[i] = w[i] * hg.get(l)[i];
            }
            out.add(s);
        }
        return out;
    }
}

package dev.prune.pruning;

import java.util.List;

/**
 * GraSP (Wang, Zhang and Grosse, ICLR 2020), as in the authors' code: score w ⊙ (H g), with g the
 * gradient and H the Hessian of the loss whose logits are divided by a temperature (200). The code
 * removes the largest -w ⊙ Hg, so the lowest w ⊙ Hg goes first here: removing those weights
 * reduces the gradient flow least.
 */
public final class Grasp extends OnGradients {
    private final double temperature;

    public Grasp(int batches, double temperature) {
        super(batches);
        this.temperature = temperature;
    }

    @Override
    public List<float[]> scores(ScoreInputs inputs) {
        return PerWeight.scores(inputs.weights(), inputs.probe().hessianGradient(batches, temperature),
                (w, hg) -> w * hg);
    }
}

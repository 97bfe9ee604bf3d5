package dev.prune.pruning;

import java.util.List;
import java.util.Set;

/**
 * PLATON (Zhang et al., ICML 2022, "PLATON: Pruning Large Transformer Models with Upper Confidence
 * Bound of Weight Importance"; code: QingruZhang/PLATON): the score of a weight is its importance
 * |w ⊙ ∇L| smoothed by an exponential moving average (β1), times the uncertainty of that
 * importance, the moving average (β2) of its deviation from the smoothed value: S = Ī · Ū. The
 * averages run over every training iteration, so the engine keeps them
 * ({@link dev.prune.engine.Engine#trackImportance}) and the criterion only reads them; the paper
 * masks by S every ΔT iterations along the cubic schedule, which is the language's pruning inside
 * training.
 *
 * @param beta1 the smoothing of the importance
 * @param beta2 the smoothing of its uncertainty
 */
public record Platon(double beta1, double beta2) implements Criterion {

    @Override
    public Set<Need> needs() {
        return Set.of(Need.TRAINING);
    }

    @Override
    public List<float[]> scores(ScoreInputs inputs) {
        return inputs.probe().importance();
    }
}

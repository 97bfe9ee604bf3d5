package dev.prune.pruning;

import dev.prune.engine.LayerKind;
import dev.prune.engine.NetworkSpec;
import java.util.List;
import java.util.Set;

/**
 * Importance of each weight: higher is kept longer. Scores of already pruned weights are ignored.
 * Most criteria only score and leave the choice of weights to {@link MaskPlanner}; those whose
 * procedure is more than one ranking (SynFlow's rounds, AP's two stages, whole units) override
 * {@link #prune}.
 */
@FunctionalInterface
public interface Criterion {
    List<float[]> scores(ScoreInputs inputs);

    /**
     * New masks with {@code rate} of the remaining weights of the selected layers removed, layer by
     * layer or, when {@code global}, over all of them at once.
     */
    default List<float[]> prune(ScoreInputs inputs, boolean[] selected, double rate, boolean global) {
        return MaskPlanner.prune(scores(inputs), inputs.masks(), selected, rate, global);
    }

    /** What the criterion reads beyond the weights, so the checker can ask for it before a run. */
    default Set<Need> needs() {
        return Set.of();
    }

    /** True when the criterion removes whole units (neurons, filters) and its rates count units. */
    default boolean structured() {
        return false;
    }

    /** Whether the criterion can prune layers of this kind. */
    default boolean supports(LayerKind kind) {
        return true;
    }

    /**
     * Why the criterion cannot score layer {@code layer} of this network although it supports its
     * kind (bn_scale on a layer without a batch norm after it), or null when it can.
     */
    default String refuses(NetworkSpec net, int layer) {
        return null;
    }
}

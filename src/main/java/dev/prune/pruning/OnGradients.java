package dev.prune.pruning;

import java.util.Set;

/** A criterion scored from loss gradients on {@code batches} training mini-batches. */
abstract class OnGradients implements Criterion {
    protected final int batches;

    OnGradients(int batches) {
        this.batches = batches;
    }

    @Override
    public final Set<Need> needs() {
        return Set.of(Need.GRADIENTS);
    }
}

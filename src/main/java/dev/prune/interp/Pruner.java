package dev.prune.interp;

import dev.prune.check.PruneSpec;

/** One pruning step at a given rate, as the cycle does it; for pruning inside training. */
@FunctionalInterface
interface Pruner {
    /** @param salt varies the seed of criteria with chance in them from one step to the next */
    void prune(PruneSpec spec, double rate, long salt);
}

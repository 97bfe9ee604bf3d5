package dev.prune.cli;

import dev.prune.engine.NetworkSpec;
import dev.prune.pruning.Flops;

/**
 * The thread count of a run that does not name one. Measured with {@code prune bench --threads 1,2}
 * on a quiet 2-core machine (docs/performance.md): a second thread made ResNet-20 and VGG-11 epochs
 * 1.5x and 1.6x faster in wall time, left LeNet-5 level, and made LeNet-300-100 2.4x slower, where
 * per-operation overhead, not arithmetic, is the cost. The choice depends on the recipe alone, never
 * on the machine, so that a recipe gives the same numbers everywhere (results are bit-identical only
 * for the same thread count, which the manifest records).
 */
final class ThreadDefault {
    /** Multiply-adds per example above which two threads pay: LeNet-5 has 0.4 M, ResNet-20 about 30 M. */
    static final long TWO_THREADS_FROM = 10_000_000L;

    private ThreadDefault() {
    }

    /**
     * 2 when the recipe's network, as the checker sized it for the data, needs more than
     * {@link #TWO_THREADS_FROM} multiply-adds per example, else 1 (also for a recipe without a model).
     */
    static int of(NetworkSpec network) {
        return network != null && Flops.dense(network) > TWO_THREADS_FROM ? 2 : 1;
    }
}

package dev.prune.engine;

import java.util.function.IntToDoubleFunction;

/**
 * One stretch of training: {@code iterations} mini-batch steps over the training split, epoch
 * after epoch. Epoch k of this request (0-based) visits the examples in the order of
 * {@code Shuffle.permutation(n, dataSeed + k)}, so the core alone decides the data order.
 *
 * @param lr   learning rate for iteration i of this request (0-based), asked before each step
 * @param hook called after each iteration (see {@link TrainHook}); never null
 * @param penalty added to the loss of every step of this request; never null
 */
public record TrainRequest(int iterations, long dataSeed, IntToDoubleFunction lr, TrainHook hook, Penalty penalty) {

    public TrainRequest {
        hook = hook == null ? TrainHook.NONE : hook;
        penalty = penalty == null ? Penalty.NONE : penalty;
    }

    /** A request without a penalty. */
    public TrainRequest(int iterations, long dataSeed, IntToDoubleFunction lr, TrainHook hook) {
        this(iterations, dataSeed, lr, hook, Penalty.NONE);
    }

    /** A request with nothing to do between iterations. */
    public TrainRequest(int iterations, long dataSeed, IntToDoubleFunction lr) {
        this(iterations, dataSeed, lr, TrainHook.NONE, Penalty.NONE);
    }
}

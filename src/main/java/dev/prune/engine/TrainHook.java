package dev.prune.engine;

/**
 * Work the core does inside a train request, between two iterations: gradual pruning, dynamic
 * sparse training, taking a checkpoint at an early iteration, early stopping. The engine calls it
 * after every iteration that completed, when parameters are settled and no step is under way, so
 * the hook may call the engine back ({@link Engine#weights}, {@link Engine#applyMasks},
 * {@link Engine#lossGradients}, {@link Engine#checkpoint}, {@link Engine#evaluate}); masks set
 * there hold from the next iteration on.
 */
@FunctionalInterface
public interface TrainHook {

    /**
     * @param iteration the iteration just done, 0-based within the request
     * @return false to end the request here: it then counts as completed, with the iterations done
     */
    boolean after(int iteration);

    TrainHook NONE = iteration -> true;
}

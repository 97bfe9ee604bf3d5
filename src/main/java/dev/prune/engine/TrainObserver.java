package dev.prune.engine;

/** Called by the engine as training goes; the default does nothing. */
public interface TrainObserver {

    /** After each iteration, with the mini-batch loss. */
    default void iteration(int iteration, double loss, double lr) {}

    /** After each full pass over the training data (or at the end of a partial one). */
    default void epoch(EpochStats stats) {}

    /** Polled before every iteration: true stops the training cleanly after the last finished step. */
    default boolean cancelled() {
        return false;
    }

    TrainObserver NONE = new TrainObserver() {};
}

package dev.prune.schedules;

/**
 * Where training is when a learning rate is asked for. A phase is one stretch of training: the
 * dense {@code train} before pruning (cycle 0) or the retraining of cycle {@code cycle} (1-based).
 *
 * @param iteration           0-based iteration within the phase
 * @param phaseIterations     iterations the phase will run in all
 * @param iterationsPerEpoch  mini-batches in one pass over the training split
 * @param cycle               0 for the dense training, 1.. for pruning cycles
 * @param totalCycles         cycles the recipe's run statement asks for (0 when unknown)
 * @param density             remaining weights / weights of the dense model, 1.0 before pruning
 * @param original            the schedule of the dense training (for LR rewinding, SLR); may be null
 * @param originalIterations  iterations of the dense training (0 when there was none)
 * @param stepSparsity        share of the weights left before this cycle's pruning that it removed
 *                            (0.2 for {@code by 20%}); 0 in the dense training or when unknown
 * @param normDrop            L2 norm of what this cycle's pruning removed relative to the L2 norm
 *                            of the weights before it, sqrt(|‖w‖² − ‖w_pruned‖²)/‖w‖; 0 when unknown.
 *                            ALLR reads this and {@code stepSparsity}
 */
public record LrContext(int iteration, int phaseIterations, int iterationsPerEpoch, int cycle,
                        int totalCycles, double density, LrSchedule original, int originalIterations,
                        double stepSparsity, double normDrop) {

    /** A context that knows nothing of the cycle's pruning step (only ALLR needs it). */
    public LrContext(int iteration, int phaseIterations, int iterationsPerEpoch, int cycle, int totalCycles,
                     double density, LrSchedule original, int originalIterations) {
        this(iteration, phaseIterations, iterationsPerEpoch, cycle, totalCycles, density, original,
                originalIterations, 0, 0);
    }

    /** 0-based epoch within the phase. */
    public int epoch() {
        return iterationsPerEpoch <= 0 ? 0 : iteration / iterationsPerEpoch;
    }

    public LrContext withIteration(int i) {
        return withPhase(i, phaseIterations);
    }

    /** The same moment seen by a schedule that runs over part of the phase (after a warm-up, say). */
    public LrContext withPhase(int i, int iterations) {
        return new LrContext(i, iterations, iterationsPerEpoch, cycle, totalCycles, density, original,
                originalIterations, stepSparsity, normDrop);
    }

    /** Iteration {@code i} of the dense training, as its own schedule saw it. */
    public LrContext inOriginal(int i) {
        return new LrContext(i, originalIterations, iterationsPerEpoch, 0, totalCycles, 1.0, null, 0, 0, 0);
    }
}

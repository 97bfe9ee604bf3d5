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
 */
public record LrContext(int iteration, int phaseIterations, int iterationsPerEpoch, int cycle,
                        int totalCycles, double density, LrSchedule original, int originalIterations) {

    /** 0-based epoch within the phase. */
    public int epoch() {
        return iterationsPerEpoch <= 0 ? 0 : iteration / iterationsPerEpoch;
    }

    public LrContext withIteration(int i) {
        return new LrContext(i, phaseIterations, iterationsPerEpoch, cycle, totalCycles, density, original,
                originalIterations);
    }
}

package dev.prune.interp;

/**
 * A training phase about to start, with the learning rate of each of its iterations, so records
 * and plots can show the schedule the run really used.
 *
 * @param firstIteration the run-wide number of the phase's first iteration (0-based)
 * @param totalCycles    the last cycle of the {@code run} this phase belongs to, 0 outside a run
 */
public record PhaseStart(String phase, int cycle, int totalCycles, long firstIteration, int iterationsPerEpoch,
                         double[] lrs) {}

package dev.prune.interp;

import java.util.List;

/**
 * The numbers of one epoch of a training phase. {@code epochs} and {@code iteration} count over
 * the whole run (after this epoch); {@code phaseEpoch} counts from 1 within the phase. Test and
 * validation numbers are NaN unless the run evaluates after every epoch.
 *
 * @param phase "train" for a {@code train} statement, "cycle N" for a cycle's retraining
 */
public record EpochRecord(String phase, int cycle, int phaseEpoch, double epochs, long iteration, int iterations,
                          double trainLoss, double lr, double accuracy, double loss, double valAccuracy,
                          double sparsity, double[] layerSparsity, List<Integer> frozen, double seconds) {}

package dev.prune.interp;

import java.util.List;

/**
 * The numbers of one pruning cycle (cycle 0: the model before the first cycle). Accuracy and
 * sparsity are fractions in [0, 1]; {@code lrMax}/{@code lrMin} bound the learning rates the
 * cycle's training used (NaN when it did not train).
 */
public record CycleRecord(int cycle, double sparsity, double accuracy, double loss, double valAccuracy,
                          double lrMax, double lrMin, double trainLoss, double epochs, double seconds,
                          boolean retrained, List<Integer> frozen, double[] layerSparsity) {}

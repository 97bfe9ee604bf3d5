package dev.prune.interp;

import java.util.List;

/**
 * The numbers of one pruning cycle (cycle 0: the model before the first cycle). Accuracy and
 * sparsity are fractions in [0, 1]; {@code lrMax}/{@code lrMin} bound the learning rates the
 * cycle's training used (NaN when it did not train).
 *
 * @param skipped      a {@code finetune when} rule skipped this cycle's fine-tuning
 * @param secondsSaved the estimated seconds of the skipped fine-tuning (see {@link Timing}), 0 when
 *                     nothing was skipped, NaN when no training had been measured to estimate from
 * @param oracleLr     the peak the oracle chose for this cycle's training, NaN when it did not choose
 * @param variant      the sweep variant, as "name=value"; "" outside sweeps
 * @param compression  all weights / kept weights
 * @param speedup      multiply-adds of the dense network / those of the kept weights
 * @param dnr          share of ReLU outputs that are 0 on training data; NaN without ReLUs
 * @param distance     the l2 learning distance |theta - theta_0| of the kept weights from the weights the
 *                     network was built with (He et al., ICML 2022); NaN when not measured
 */
public record CycleRecord(int cycle, double sparsity, double accuracy, double loss, double valAccuracy,
                          double lrMax, double lrMin, double trainLoss, double epochs, double seconds,
                          boolean retrained, List<Integer> frozen, double[] layerSparsity, boolean skipped,
                          double secondsSaved, double oracleLr, String variant, double compression,
                          double speedup, double dnr, double distance) implements RunMetrics {

    /** A record without the learning distance. */
    public CycleRecord(int cycle, double sparsity, double accuracy, double loss, double valAccuracy,
                       double lrMax, double lrMin, double trainLoss, double epochs, double seconds,
                       boolean retrained, List<Integer> frozen, double[] layerSparsity, boolean skipped,
                       double secondsSaved, double oracleLr, String variant, double compression,
                       double speedup, double dnr) {
        this(cycle, sparsity, accuracy, loss, valAccuracy, lrMax, lrMin, trainLoss, epochs, seconds, retrained,
                frozen, layerSparsity, skipped, secondsSaved, oracleLr, variant, compression, speedup, dnr, Double.NaN);
    }

    /** A record without the cost numbers (compression, speed-up, dead neuron rate), for probes and tests. */
    public CycleRecord(int cycle, double sparsity, double accuracy, double loss, double valAccuracy,
                       double lrMax, double lrMin, double trainLoss, double epochs, double seconds,
                       boolean retrained, List<Integer> frozen, double[] layerSparsity, boolean skipped,
                       double secondsSaved, double oracleLr, String variant) {
        this(cycle, sparsity, accuracy, loss, valAccuracy, lrMax, lrMin, trainLoss, epochs, seconds, retrained,
                frozen, layerSparsity, skipped, secondsSaved, oracleLr, variant, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN);
    }
}

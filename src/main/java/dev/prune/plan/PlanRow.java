package dev.prune.plan;

import java.util.List;

/**
 * One phase of the plan: the dense training, a pruning cycle, or a one-shot pruning step.
 *
 * @param variant   the sweep variant as "name=value", "" outside sweeps
 * @param phase     "train", "cycle N" or "prune"
 * @param sparsity  planned sparsity of the whole network after the phase's pruning
 * @param layers    planned sparsity of each layer
 * @param exact     false when the per-layer split is an estimate (global pruning depends on the weights)
 * @param curves    learning rate of each iteration: one curve, or the oracle's lowest and highest
 *                  peak; empty when the phase does not train or its rates could not be computed
 * @param trainings how many times the phase trains (the oracle: once per peak)
 * @param schedule  the schedule as a short name
 */
public record PlanRow(String variant, String phase, double sparsity, double[] layers, boolean exact, int iterations,
                      double epochs, List<double[]> curves, double lrMax, double lrMin, int trainings, String schedule,
                      String rewind, String frozen, List<String> notes) {

    public boolean trains() {
        return iterations > 0;
    }
}

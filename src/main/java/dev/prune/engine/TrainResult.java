package dev.prune.engine;

import java.util.List;

/** What a train request did; {@code completed} is false when it was cancelled or the loss diverged. */
public record TrainResult(int iterations, List<EpochStats> epochs, double seconds, boolean completed,
                          String failure) {

    public double lastLoss() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).meanLoss();
    }
}

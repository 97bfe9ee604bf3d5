package dev.prune.engine;

/** One epoch of a train request: mean mini-batch loss, last LR, wall seconds, iterations done. */
public record EpochStats(int epoch, double meanLoss, double lastLr, double seconds, int iterations) {}

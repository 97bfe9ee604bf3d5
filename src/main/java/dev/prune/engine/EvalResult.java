package dev.prune.engine;

/** Accuracy as a fraction in [0, 1] and mean cross-entropy loss over one split. */
public record EvalResult(double accuracy, double loss, int examples) {}

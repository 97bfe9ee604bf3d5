package dev.prune.interp;

/**
 * What a run-level condition can read about one cycle ({@link Conditions#metrics}). A
 * {@link CycleRecord} holds them all; {@link CycleProbe}, before the record exists, measures each
 * only when the condition reads it. Fractions as in {@link CycleRecord}.
 */
public interface RunMetrics {
    int cycle();

    double sparsity();

    double accuracy();

    double loss();

    double valAccuracy();

    double compression();

    double speedup();

    double dnr();

    double distance();
}

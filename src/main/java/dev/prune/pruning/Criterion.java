package dev.prune.pruning;

import java.util.List;

/** Importance of each weight: higher is kept longer. Scores of already pruned weights are ignored. */
@FunctionalInterface
public interface Criterion {
    List<float[]> scores(ScoreInputs inputs);
}

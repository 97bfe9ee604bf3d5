package dev.prune.builtins;

import dev.prune.pruning.Criterion;
import dev.prune.pruning.Magnitude;
import dev.prune.pruning.RandomScores;
import java.util.List;

/** Pruning criteria: what decides which weights go. */
final class CriterionBuiltins {
    private CriterionBuiltins() {}

    static void register(Registry r) {
        r.add(new Builtin<Criterion>("l1", Kind.CRITERION, List.of(), null,
                "magnitude |w|: prune the smallest weights", "Han et al. 2015; Frankle & Carbin 2019",
                a -> new Magnitude()));
        r.add(new Builtin<Criterion>("random", Kind.CRITERION, List.of(), null,
                "uniformly random among the remaining weights (baseline)", "Blalock et al. 2020 (ShrinkBench)",
                a -> new RandomScores()));
    }
}

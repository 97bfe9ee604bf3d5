package dev.prune.interp;

import dev.prune.builtins.Registry;
import dev.prune.check.Condition;
import dev.prune.check.Evaluator;
import dev.prune.check.Scope;
import dev.prune.pruning.PqIndex;
import dev.prune.source.Diagnostics;

/** Decides checked conditions from metric values at run time. */
final class Conditions {
    private final RunState state;
    private final Registry registry;

    Conditions(RunState state, Registry registry) {
        this.state = state;
        this.registry = registry;
    }

    boolean holds(Condition c, Scope.Metrics which, Scope.MetricValues values) {
        Diagnostics unexpected = new Diagnostics();
        Boolean result = new Evaluator(registry, unexpected).condition(c.expr(), c.scope(which, values));
        if (result == null) {
            // The checker accepted this condition, so this is a bug, not a recipe error.
            throw new IllegalStateException("condition '" + c.text() + "' failed at run time: " + unexpected.render());
        }
        return result;
    }

    /**
     * Run-level metrics of a cycle, each read from {@code m} only when the condition names it, so a
     * condition costs what it reads (see {@link CycleProbe}).
     */
    Scope.MetricValues metrics(RunMetrics m) {
        return name -> switch (name) {
            case "accuracy" -> m.accuracy();
            case "loss" -> m.loss();
            case "val_accuracy" -> m.valAccuracy();
            case "sparsity" -> m.sparsity();
            case "cycle" -> m.cycle();
            case "epoch" -> state.epochs;
            case "drop" -> Double.isNaN(state.denseAccuracy) ? 0.0 : state.denseAccuracy - m.accuracy();
            case "compression" -> m.compression();
            case "speedup" -> m.speedup();
            case "dnr" -> m.dnr();
            case "distance" -> m.distance();
            case "mask_distance" -> state.maskDistance;
            case "pq_index" -> state.engine == null ? Double.NaN
                    : PqIndex.of(state.engine.weights(), state.masks, PqIndex.P, PqIndex.Q);
            default -> Double.NaN;
        };
    }
}

package dev.prune.interp;

import dev.prune.builtins.Registry;
import dev.prune.check.Condition;
import dev.prune.check.Evaluator;
import dev.prune.check.Scope;
import dev.prune.pruning.PqIndex;
import dev.prune.source.Diagnostics;
import java.util.HashMap;
import java.util.Map;

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

    /** Run-level metrics as of a cycle record. */
    Scope.MetricValues metrics(CycleRecord r) {
        Map<String, Double> values = new HashMap<>(Map.of(
                "accuracy", r.accuracy(), "loss", r.loss(), "val_accuracy", r.valAccuracy(),
                "sparsity", r.sparsity(), "cycle", (double) r.cycle(), "epoch", state.epochs,
                "drop", Double.isNaN(state.denseAccuracy) ? 0.0 : state.denseAccuracy - r.accuracy()));
        values.put("compression", r.compression());
        values.put("speedup", r.speedup());
        values.put("dnr", r.dnr());
        values.put("distance", r.distance());
        values.put("mask_distance", state.maskDistance);
        if (state.engine != null) {
            values.put("pq_index", PqIndex.of(state.engine.weights(), state.masks, PqIndex.P, PqIndex.Q));
        }
        return name -> values.getOrDefault(name, Double.NaN);
    }
}

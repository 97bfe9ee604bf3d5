package dev.prune.interp;

import dev.prune.check.LayerRule;
import dev.prune.check.Scope;
import dev.prune.engine.LayerSpec;
import dev.prune.pruning.Density;
import dev.prune.pruning.PqIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a freeze rule on per-layer statistics. Frozen layers accumulate: once a layer stops
 * changing it stays frozen until {@code unfreeze}, as in ICE-Pick.
 */
final class Freezing {
    private final RunState state;
    private final Conditions conditions;

    Freezing(RunState state, Conditions conditions) {
        this.state = state;
        this.conditions = conditions;
    }

    void apply(LayerRule rule) {
        List<LayerSpec> layers = state.network.layers();
        double[] deltas = state.changes.deltas(layers.size());
        List<float[]> weights = state.engine.weights();
        List<Integer> candidates = new ArrayList<>();
        for (int l : rule.fixed()) {
            if (rule.condition() == null
                    || conditions.holds(rule.condition(), Scope.Metrics.LAYER, metrics(l, deltas, weights))) {
                candidates.add(l);
            }
        }
        if (rule.share() > 0) {
            candidates = leastChanging(deltas, candidates, rule.share(), rule.fixed().size());
        }
        state.frozen.addAll(candidates);
        state.engine.freeze(state.frozen);
    }

    /**
     * ICE-Pick's choice: the ceil(share * layers) candidates with the smallest delta, ties to the
     * lower index. Layers already frozen did not change (delta 0), so they stay among those chosen
     * and the count does not grow from cycle to cycle.
     */
    static List<Integer> leastChanging(double[] deltas, List<Integer> candidates, double share, int layers) {
        List<Integer> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble((Integer l) -> deltas[l]).thenComparingInt(l -> l));
        // 0.3 * 10 is 3.0000000000000004 in doubles: without the margin it would take 4 layers
        int take = (int) Math.ceil(share * layers - 1e-9);
        return sorted.subList(0, Math.min(take, sorted.size()));
    }

    private Scope.MetricValues metrics(int layer, double[] deltas, List<float[]> weights) {
        Map<String, Double> values = Map.of(
                "pq_index", PqIndex.of(weights.get(layer), state.masks.get(layer), PqIndex.P, PqIndex.Q),
                "delta", deltas[layer],
                "sparsity", Density.sparsity(state.masks.get(layer)),
                "index", (double) layer,
                "size", (double) state.network.layers().get(layer).weightCount());
        return name -> values.getOrDefault(name, Double.NaN);
    }
}

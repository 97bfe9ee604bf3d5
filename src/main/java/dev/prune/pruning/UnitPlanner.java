package dev.prune.pruning;

import dev.prune.engine.NetworkSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Structured pruning: turns one score per unit into masks that remove whole units. The rate is a
 * share of the units still alive in the layers concerned (layer-wise or over all of them), the
 * number removed is ceil(rate * alive), lowest scores first, ties by layer and position; a removed
 * unit loses its incoming weights and the weights through which it feeds the next layer, so its
 * bias no longer reaches anything and the unit can be cut out of the network exactly.
 */
public final class UnitPlanner {
    private UnitPlanner() {}

    private record Candidate(float score, int layer, int unit) {}

    /** @param unitScores one array per layer (null for layers not scored), one score per unit */
    public static List<float[]> prune(NetworkSpec net, List<float[]> unitScores, List<float[]> masks,
                                      boolean[] selected, double rate, boolean global) {
        if (GroupPlanner.needed(net)) {
            return GroupPlanner.prune(net, unitScores, masks, selected, rate, global);
        }
        List<float[]> out = MaskPlanner.copy(masks);
        for (boolean[] pool : MaskPlanner.pools(selected, global)) {
            List<Candidate> alive = new ArrayList<>();
            for (int l = 0; l < pool.length; l++) {
                if (!pool[l]) {
                    continue;
                }
                for (int u = 0; u < net.layers().get(l).nOut(); u++) {
                    if (Units.alive(net, out, l, u)) {
                        alive.add(new Candidate(unitScores.get(l)[u], l, u));
                    }
                }
            }
            int n = MaskPlanner.count(rate, alive.size());
            // A layer keeps at least one unit: a layer with none cuts the network in two.
            alive.sort(Comparator.comparingDouble((Candidate c) -> c.score).thenComparingInt(c -> c.layer)
                    .thenComparingInt(c -> c.unit));
            int[] left = new int[pool.length];
            alive.forEach(c -> left[c.layer]++);
            int removed = 0;
            for (Candidate c : alive) {
                if (removed == n) {
                    break;
                }
                if (left[c.layer] > 1) {
                    Units.remove(net, out, c.layer, c.unit);
                    left[c.layer]--;
                    removed++;
                }
            }
        }
        return out;
    }

    /** Share of the units of the selected layers that are no longer alive. */
    public static double sparsity(NetworkSpec net, List<float[]> masks, Iterable<Integer> layers) {
        if (GroupPlanner.needed(net)) {
            return GroupPlanner.sparsity(net, masks, layers);
        }
        long all = 0;
        long alive = 0;
        for (int l : layers) {
            all += net.layers().get(l).nOut();
            alive += Units.aliveCount(net, masks, l);
        }
        return all == 0 ? 0 : 1.0 - (double) alive / all;
    }
}

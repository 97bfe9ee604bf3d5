package dev.prune.pruning;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * AP, Activate-while-Pruning (the authors' code, Martin1937/AP-Activate-While-Pruning-), wrapped
 * around any base criterion. Of a step's share p of the remaining weights, the base criterion
 * removes p - p_ap; AP removes the other p_ap among the kept NEGATIVE weights that changed least
 * over the last training, |w_end - w_start|, which lowers the share of dead ReLU outputs. Should
 * there be fewer negative weights than that, the base criterion removes the rest.
 */
public final class ActivePruning implements Criterion {
    private final Criterion base;
    private final double share;

    public ActivePruning(Criterion base, double share) {
        this.base = base;
        this.share = share;
    }

    public double share() {
        return share;
    }

    @Override
    public Set<Need> needs() {
        Set<Need> needs = EnumSet.of(Need.HISTORY);
        needs.addAll(base.needs());
        return needs;
    }

    @Override
    public List<float[]> scores(ScoreInputs inputs) {
        return base.scores(inputs);
    }

    @Override
    public List<float[]> prune(ScoreInputs inputs, boolean[] selected, double rate, boolean global) {
        List<float[]> baseScores = base.scores(inputs);
        List<float[]> weights = inputs.weights();
        List<float[]> before = inputs.probe().previous();
        List<float[]> change = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            float[] c = new float[weights.get(l).length];
            for (int i = 0; i < c.length; i++) {
                c[i] = Math.abs(weights.get(l)[i] - before.get(l)[i]);
            }
            change.add(c);
        }
        List<float[]> out = MaskPlanner.copy(inputs.masks());
        for (boolean[] pool : MaskPlanner.pools(selected, global)) {
            long remaining = MaskPlanner.remaining(out, pool);
            int total = MaskPlanner.count(rate, remaining);
            int ap = Math.min(total, MaskPlanner.count(share, remaining));
            MaskPlanner.removeLowest(baseScores, out, pool, total - ap);
            List<float[]> negative = new ArrayList<>();
            for (int l = 0; l < out.size(); l++) {
                float[] m = new float[out.get(l).length];
                for (int i = 0; i < m.length; i++) {
                    m[i] = out.get(l)[i] != 0f && weights.get(l)[i] < 0f ? 1f : 0f;
                }
                negative.add(m);
            }
            long take = Math.min(ap, MaskPlanner.remaining(negative, pool));
            MaskPlanner.removeLowest(change, negative, pool, take);
            for (int l = 0; l < out.size(); l++) {
                float[] m = out.get(l);
                for (int i = 0; i < m.length; i++) {
                    if (m[i] != 0f && weights.get(l)[i] < 0f && negative.get(l)[i] == 0f) {
                        m[i] = 0f;
                    }
                }
            }
            MaskPlanner.removeLowest(baseScores, out, pool, ap - take);
        }
        return out;
    }
}

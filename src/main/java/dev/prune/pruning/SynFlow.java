package dev.prune.pruning;

import dev.prune.engine.NetworkSpec;
import java.util.List;

/**
 * SynFlow (Tanaka, Kunin, Yamins and Ganguli, NeurIPS 2020), data-free: with every weight replaced
 * by |w| and an input of ones, R is the sum of the network's outputs and a weight's score is
 * |w ⊙ dR/dw|. Pruning goes in rounds, rescoring each time, so that the kept share of the pool
 * after round k of n is D^(k/n) for a final kept share D; this avoids cutting a layer off early.
 * The flow itself is computed by {@link SynapticFlow}; biases are left out (zero at initialization).
 */
public final class SynFlow implements Criterion {

    /** Why SynFlow cannot score this network (a graph its data-free pass does not follow yet), or null. */
    public static String refusal(NetworkSpec network) {
        return SynapticFlow.refusal(network);
    }

    private final int rounds;

    public SynFlow(int rounds) {
        this.rounds = rounds;
    }

    @Override
    public List<float[]> scores(ScoreInputs inputs) {
        return SynapticFlow.scores(inputs.network(), inputs.weights(), inputs.masks());
    }

    @Override
    public List<float[]> prune(ScoreInputs inputs, boolean[] selected, double rate, boolean global) {
        List<float[]> out = MaskPlanner.copy(inputs.masks());
        List<boolean[]> pools = MaskPlanner.pools(selected, global);
        long[] start = new long[pools.size()];
        long[] end = new long[pools.size()];
        for (int p = 0; p < pools.size(); p++) {
            start[p] = MaskPlanner.remaining(out, pools.get(p));
            end[p] = start[p] - MaskPlanner.count(rate, start[p]);
        }
        for (int k = 1; k <= rounds; k++) {
            List<float[]> scores = SynapticFlow.scores(inputs.network(), inputs.weights(), out);
            for (int p = 0; p < pools.size(); p++) {
                long target = k == rounds || start[p] == 0 ? end[p]
                        : Math.round(start[p] * Math.pow((double) end[p] / start[p], (double) k / rounds));
                long n = MaskPlanner.remaining(out, pools.get(p)) - target;
                MaskPlanner.removeLowest(scores, out, pools.get(p), n);
            }
        }
        return out;
    }
}

package dev.prune.pruning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * SNIP (Lee, Ajanthan and Torr, ICLR 2019): connection sensitivity
 * s_j = |g_j w_j| / sum_k |g_k w_k| with g the loss gradient on a mini-batch, meant for the
 * network at initialization. The normalization spans all layers, so scores compare globally.
 */
public final class Snip implements Criterion {
    private final int batches;

    public Snip(int batches) {
        this.batches = batches;
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.GRADIENTS);
    }

    @Override
    public List<float[]> scores(ScoreInputs inputs) {
        List<float[]> g = inputs.probe().gradient(batches, 1.0);
        List<float[]> out = new ArrayList<>();
        double total = 0;
        for (int l = 0; l < g.size(); l++) {
            float[] w = inputs.weights().get(l);
            float[] s = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                s[i] = Math.abs(g.get(l)[i] * w[i]);
                total += s[i];
            }
            out.add(s);
        }
        if (total > 0) {
            for (float[] s : out) {
                for (int i = 0; i < s.length; i++) {
                    s[i] = (float) (s[i] / total);
                }
            }
        }
        return out;
    }
}

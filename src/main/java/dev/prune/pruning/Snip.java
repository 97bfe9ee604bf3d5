package dev.prune.pruning;

import java.util.List;

/**
 * SNIP (Lee, Ajanthan and Torr, ICLR 2019): connection sensitivity
 * s_j = |g_j w_j| / sum_k |g_k w_k| with g the loss gradient on a mini-batch, meant for the
 * network at initialization. The normalization spans all layers, so scores compare globally.
 */
public final class Snip extends OnGradients {

    public Snip(int batches) {
        super(batches);
    }

    @Override
    public List<float[]> scores(ScoreInputs inputs) {
        List<float[]> out = PerWeight.scores(inputs.weights(), inputs.probe().gradient(batches, 1.0),
                (w, g) -> Math.abs(g * w));
        double total = 0;
        for (float[] s : out) {
            for (float v : s) {
                total += v;
            }
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

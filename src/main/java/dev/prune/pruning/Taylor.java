package dev.prune.pruning;

import java.util.ArrayList;
import java.util.List;

/**
 * First-order Taylor importance (Molchanov, Mallya, Tyree, Frosio and Kautz, CVPR 2019) per
 * weight: the squared first-order change of the loss when the weight is removed, (g w)^2,
 * averaged over mini-batches.
 */
public final class Taylor extends OnGradients {

    public Taylor(int batches) {
        super(batches);
    }

    @Override
    public List<float[]> scores(ScoreInputs inputs) {
        List<List<float[]>> perBatch = inputs.probe().batchGradients(batches);
        List<float[]> out = new ArrayList<>();
        for (float[] w : inputs.weights()) {
            out.add(new float[w.length]);
        }
        for (List<float[]> g : perBatch) {
            for (int l = 0; l < out.size(); l++) {
                float[] w = inputs.weights().get(l);
                float[] s = out.get(l);
                for (int i = 0; i < s.length; i++) {
                    float gw = g.get(l)[i] * w[i];
                    s[i] += gw * gw / perBatch.size();
                }
            }
        }
        return out;
    }
}

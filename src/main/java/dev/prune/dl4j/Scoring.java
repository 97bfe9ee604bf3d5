package dev.prune.dl4j;

import dev.prune.engine.EvalResult;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Accuracy and mean cross-entropy of a split, in batches so that a 60,000-row split never needs
 * one 60,000-row activation matrix per layer. The loss is the data term only (no weight-decay
 * penalty), with probabilities clipped at 1e-10 as DL4J's MCXENT loss does, so that one confident
 * mistake gives a large but finite loss.
 */
final class Scoring {
    private static final double CLIP = 1e-10;

    private Scoring() {
    }

    static EvalResult evaluate(ComputationGraph net, SplitArrays data, int batch) {
        int n = data.count();
        if (n == 0) {
            return new EvalResult(Double.NaN, Double.NaN, 0);
        }
        long correct = 0;
        double loss = 0;
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            float[][] p = net.outputSingle(false, data.features(from, to)).toFloatMatrix();
            for (int r = 0; r < p.length; r++) {
                int predicted = argMax(p[r]);
                int label = data.label(from + r);
                if (predicted == label) {
                    correct++;
                }
                loss -= Math.log(Math.max(CLIP, p[r][label]));
            }
        }
        return new EvalResult((double) correct / n, loss / n, n);
    }

    private static int argMax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}

package dev.prune.dl4j;

import dev.prune.engine.EngineException;
import dev.prune.engine.GradientRequest;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Loss gradients with respect to the weights, for the criteria that score with them. DL4J's
 * {@code calculateGradients} gives the gradient summed over the examples, without weight decay,
 * in a buffer it reuses; it is copied and divided by the count here. A temperature T divides the
 * logits: the output layer's W and b are divided by T for the evaluation, and since the loss then
 * sees W / T, the output layer's gradient with respect to W itself is the computed one over T.
 * Parameters are restored afterwards bit for bit.
 */
final class Gradients {
    /** Rows per calculateGradients call: large enough to amortize, small enough for conv activations. */
    private static final int CHUNK = 500;

    private Gradients() {
    }

    static List<float[]> compute(MultiLayerNetwork net, List<WeightLayout> layouts, SplitArrays train,
                                 GradientRequest request) {
        int from = request.from();
        int to = from + request.count();
        if (request.count() <= 0 || from < 0 || to > train.count()) {
            throw new EngineException("gradients were asked for training examples " + from + " to " + to
                    + ", but the training split has " + train.count());
        }
        double t = request.temperature();
        WeightLayout output = layouts.get(layouts.size() - 1);
        INDArray saved = net.params().dup();
        try {
            if (request.offset() != null) {
                for (int l = 0; l < layouts.size(); l++) {
                    WeightLayout layout = layouts.get(l);
                    layout.weights(net).addi(layout.shaped(net, request.offset().get(l)));
                }
            }
            if (t != 1.0) {
                output.weights(net).divi(t);
                output.bias(net).divi(t);
            }
            INDArray[] sums = new INDArray[layouts.size()];
            for (int a = from; a < to; a += CHUNK) {
                int b = Math.min(to, a + CHUNK);
                Pair<Gradient, INDArray> result = net.calculateGradients(train.features(a, b), train.labels(a, b),
                        null, null);
                for (int l = 0; l < layouts.size(); l++) {
                    INDArray g = result.getFirst().getGradientFor(layouts.get(l).dl4jIndex() + "_W");
                    sums[l] = sums[l] == null ? g.dup() : sums[l].addi(g);
                }
            }
            List<float[]> out = new ArrayList<>();
            for (int l = 0; l < layouts.size(); l++) {
                float[] flat = layouts.get(l).flat(sums[l]);
                double scale = 1.0 / request.count() / (l == layouts.size() - 1 ? t : 1.0);
                for (int i = 0; i < flat.length; i++) {
                    flat[i] = (float) (flat[i] * scale);
                }
                out.add(flat);
            }
            return out;
        } finally {
            net.params().assign(saved);
        }
    }
}

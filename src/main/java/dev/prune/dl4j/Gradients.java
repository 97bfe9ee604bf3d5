package dev.prune.dl4j;

import dev.prune.engine.EngineException;
import dev.prune.engine.GradientRequest;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Loss gradients and Hessian-vector products with respect to the weights, for the criteria that
 * score with them. DL4J's {@code computeGradientAndScore} gives the gradient summed over the examples,
 * without weight decay (the updater adds that), in a buffer it reuses; it is copied and divided by the count here.
 *
 * <p>A temperature T divides the logits: the output layer's W and b are divided by T for the
 * evaluation, and since the loss then sees W / T, the output layer's gradient with respect to W
 * itself is the computed one over T.
 *
 * <p>DL4J has no Hessian-vector product, so H v is the central difference of the gradient along
 * v, on a double-precision copy of the network with a step of {@value #RELATIVE_STEP} of the
 * weights' norm. In float the difference drowns in rounding at any step small enough, and a large
 * step crosses ReLU kinks: a step of 1% of the weights gave a cosine of only 0.4 to 0.8 with the
 * exact product on a small MLP, and this one agrees to 1e-6.
 */
final class Gradients {
    /** Rows per calculateGradients call: large enough to amortize, small enough for conv activations. */
    private static final int CHUNK = 500;
    static final double RELATIVE_STEP = 1e-6;

    private Gradients() {
    }

    static List<float[]> compute(ComputationGraph net, List<WeightLayout> layouts, SplitArrays train,
                                 GradientRequest request) {
        check(train, request);
        WeightLayout output = layouts.get(layouts.size() - 1);
        INDArray saved = net.params().dup();
        try {
            scaleOutput(net, output, request.temperature());
            return flat(layouts, sum(net, layouts, train, request, DataType.FLOAT), request);
        } finally {
            net.params().assign(saved);
        }
    }

    static List<float[]> hessianVector(ComputationGraph net, List<WeightLayout> layouts, SplitArrays train,
                                       GradientRequest request, List<float[]> vector) {
        check(train, request);
        ComputationGraph d = net.convertDataType(DataType.DOUBLE);
        double t = request.temperature();
        scaleOutput(d, layouts.get(layouts.size() - 1), t);
        double weights = 0;
        double length = 0;
        List<INDArray> direction = new ArrayList<>();
        for (int l = 0; l < layouts.size(); l++) {
            WeightLayout layout = layouts.get(l);
            weights += Math.pow(layout.weights(net).norm2Number().doubleValue(), 2);
            INDArray v = layout.shaped(net, vector.get(l)).castTo(DataType.DOUBLE);
            length += Math.pow(v.norm2Number().doubleValue(), 2);
            // The copy holds the output layer's W as W / T, so a step of v in W is a step of v / T there.
            direction.add(l == layouts.size() - 1 ? v.divi(t) : v);
        }
        if (length == 0) {
            List<float[]> zero = new ArrayList<>();
            vector.forEach(v -> zero.add(new float[v.length]));
            return zero;
        }
        double eps = RELATIVE_STEP * Math.sqrt(weights > 0 ? weights : 1.0) / Math.sqrt(length);
        step(d, layouts, direction, eps);
        INDArray[] plus = sum(d, layouts, train, request, DataType.DOUBLE);
        step(d, layouts, direction, -2 * eps);
        INDArray[] minus = sum(d, layouts, train, request, DataType.DOUBLE);
        for (int l = 0; l < plus.length; l++) {
            plus[l].subi(minus[l]).divi(2 * eps);
        }
        return flat(layouts, plus, request);
    }

    private static void check(SplitArrays train, GradientRequest request) {
        int from = request.from();
        int to = from + request.count();
        if (request.count() <= 0 || from < 0 || to > train.count()) {
            throw new EngineException("gradients were asked for training examples " + from + " to " + to
                    + ", but the training split has " + train.count());
        }
    }

    private static void scaleOutput(ComputationGraph net, WeightLayout output, double t) {
        if (t != 1.0) {
            output.weights(net).divi(t);
            output.bias(net).divi(t);
        }
    }

    private static void step(ComputationGraph net, List<WeightLayout> layouts, List<INDArray> direction, double eps) {
        for (int l = 0; l < layouts.size(); l++) {
            layouts.get(l).weights(net).addi(direction.get(l).mul(eps));
        }
    }

    /** Gradients with respect to each layer's W, summed over the request's examples. */
    static INDArray[] sum(ComputationGraph net, List<WeightLayout> layouts, SplitArrays train,
                                  GradientRequest request, DataType type) {
        INDArray[] sums = new INDArray[layouts.size()];
        int to = request.from() + request.count();
        for (int a = request.from(); a < to; a += CHUNK) {
            int b = Math.min(to, a + CHUNK);
            net.setInputs(train.features(a, b).castTo(type));
            net.setLabels(train.labels(a, b).castTo(type));
            net.computeGradientAndScore();
            Gradient gradient = net.gradient();
            for (int l = 0; l < layouts.size(); l++) {
                INDArray g = gradient.getGradientFor(layouts.get(l).weightKey());
                sums[l] = sums[l] == null ? g.dup() : sums[l].addi(g);
            }
            net.clear();
        }
        return sums;
    }

    /** Means in the flat layout, the output layer's divided by the temperature. */
    private static List<float[]> flat(List<WeightLayout> layouts, INDArray[] sums, GradientRequest request) {
        List<float[]> out = new ArrayList<>();
        for (int l = 0; l < layouts.size(); l++) {
            double scale = 1.0 / request.count() / (l == layouts.size() - 1 ? request.temperature() : 1.0);
            out.add(layouts.get(l).flat(sums[l].castTo(DataType.DOUBLE).muli(scale).castTo(DataType.FLOAT)));
        }
        return out;
    }
}

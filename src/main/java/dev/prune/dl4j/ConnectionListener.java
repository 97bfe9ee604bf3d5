package dev.prune.dl4j;

import dev.prune.engine.Penalty;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Sparse connectivity learning (Tang et al., 2022, "Automatic Sparse Connectivity Learning for
 * Neural Networks") inside one train request: per weight a mask variable v and the weight w
 * itself, while the layer's parameter holds the effective weight w·m, m = step(v).
 *
 * <p>At every iteration DL4J's gradient of the parameter is ∂L/∂(w m). In
 * {@code onGradientCalculation}, before the updater: by the identity straight-through estimator
 * ∂L/∂v = ∂L/∂m = ∂L/∂(w m)·w; it is normalised per output feature (divided by the mean |·| of
 * the feature's incoming connections; a sum over the mini-batch or a mean then give the same
 * step) [reconstructed]; v ← v − lr (ĝ + λ), λ being the gradient of λ Σ m through the same
 * estimator. The parameter's gradient is multiplied by m, the gradient of w through w·m, so the
 * optimizer moves only kept weights. In {@code iterationDone}, after the step: w takes the
 * stepped value where m was 1 and keeps its own where m was 0, the new m = step(v) is set and the
 * parameter becomes w·m again; a cut connection's w is kept, so it comes back as it was when its v
 * turns positive.
 *
 * <p>It runs after the mask listener, whose masks (those in force when training began) hold at
 * zero the weights pruned before: their w is 0, so their v only falls and they stay out.
 */
final class ConnectionListener extends BaseTrainingListener {

    private record Layer(String gradientKey, INDArray params, INDArray weights, INDArray v, INDArray mask,
                         int axis, WeightLayout layout) {}

    private final Penalty.Connections settings;
    private final List<Layer> layers = new ArrayList<>();

    /** @param masks the masks in force, one flat array per layer, or empty for none */
    ConnectionListener(ComputationGraph net, List<WeightLayout> layouts, List<float[]> masks,
                       Penalty.Connections settings) {
        this.settings = settings;
        for (int i = 0; i < layouts.size(); i++) {
            WeightLayout l = layouts.get(i);
            INDArray params = l.weights(net);
            INDArray keep = masks.isEmpty() ? null : l.mask(net, masks.get(i));
            INDArray mask = keep == null ? params.ulike().assign(1) : keep.dup(params.ordering());
            INDArray v = mask.mul(2 * settings.init()).subi(settings.init());
            layers.add(new Layer(l.weightKey(), params, params.dup(params.ordering()), v, mask, l.featureAxis(), l));
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        Gradient gradient = model.gradient();
        for (Layer l : layers) {
            INDArray g = gradient.getGradientFor(l.gradientKey);
            updateMaskVariables(g, l.weights, l.v, l.axis, settings.lambda(), settings.lr());
            g.muli(l.mask);
        }
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        for (Layer l : layers) {
            settle(l.params, l.weights, l.v, l.mask);
        }
    }

    /**
     * One SGD step of the mask variables, in place: ∂L/∂v = g ⊙ w (identity STE), divided by its
     * mean magnitude over each output feature (the axis {@code axis}), plus λ; v −= lr·that.
     */
    static void updateMaskVariables(INDArray g, INDArray w, INDArray v, int axis, double lambda, double lr) {
        INDArray gv = g.mul(w);
        int[] others = IntStream.range(0, gv.rank()).filter(d -> d != axis).toArray();
        INDArray scale = Transforms.abs(gv, true).mean(others);
        // A feature whose mask gradient is all zero (a dead unit) stays 0 / tiny = 0.
        scale.addi(1e-30);
        Nd4j.getExecutioner().exec(new BroadcastDivOp(gv, scale, gv, axis));
        v.subi(gv.addi(lambda).muli(lr));
    }

    /**
     * After the optimizer's step on the parameter: w takes it where m was 1; m = step(v); the
     * parameter becomes w·m.
     */
    static void settle(INDArray params, INDArray w, INDArray v, INDArray mask) {
        w.addi(params.sub(w).muli(mask));
        mask.assign(Transforms.step(v, true));
        params.assign(w.mul(mask));
    }

    /** m of every layer so far, in the boundary's flat layout. */
    List<float[]> masks() {
        List<float[]> out = new ArrayList<>(layers.size());
        for (Layer l : layers) {
            out.add(l.layout.flat(l.mask));
        }
        return out;
    }
}

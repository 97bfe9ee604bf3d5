package dev.prune.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * PLATON's exponential moving averages (Zhang et al., ICML 2022, "PLATON: Pruning Large
 * Transformer Models with Upper Confidence Bound of Weight Importance"; code: QingruZhang/PLATON),
 * updated at every training iteration: I = |w ⊙ g|, Ī ← β1 Ī + (1 − β1) I,
 * Ū ← β2 Ū + (1 − β2) |I − Ī|; the score is Ī ⊙ Ū.
 *
 * <p>They are updated in {@code onGradientCalculation}, where the gradient is the raw one, before
 * the updater turns it into a step in place. DL4J's gradient there is the sum over the
 * mini-batch, so it is divided by the mini-batch size: g is the mean loss's gradient, as in the
 * paper. [reconstructed] w is the weight before the step, as in the paper's I(w) = |w ∇L(w)|;
 * the authors' code multiplies the weight after {@code optimizer.step()} by the gradient before
 * it, a difference of one learning-rate step. A pruned weight is 0, so its I is 0 and its Ī and Ū
 * decay.
 *
 * <p>The state lives here, next to the arrays it is computed from, so the per-iteration work is a
 * few in-place native products per layer with no copy to the JVM heap; the core reads the scores
 * only when it prunes.
 */
final class ImportanceListener extends BaseTrainingListener {

    /** One layer: the gradient's key, the live weights and the two averages, shaped like the weights. */
    private record Tracked(String gradientKey, INDArray weights, INDArray mean, INDArray uncertainty) {}

    private final double beta1;
    private final double beta2;
    private final List<Tracked> layers = new ArrayList<>();
    private final List<WeightLayout> layouts;

    ImportanceListener(ComputationGraph net, List<WeightLayout> layouts, double beta1, double beta2) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.layouts = layouts;
        for (WeightLayout l : layouts) {
            INDArray w = l.weights(net);
            layers.add(new Tracked(l.weightKey(), w, w.ulike().assign(0), w.ulike().assign(0)));
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        Gradient gradient = model.gradient();
        double scale = 1.0 / Math.max(1, model.batchSize());
        for (Tracked t : layers) {
            update(t.weights, gradient.getGradientFor(t.gradientKey), scale, t.mean, t.uncertainty, beta1, beta2);
        }
    }

    /**
     * One iteration's update of one layer's averages, in place; {@code scale} turns the summed
     * gradient into the mean one.
     */
    static void update(INDArray weights, INDArray gradient, double scale, INDArray mean, INDArray uncertainty,
                       double beta1, double beta2) {
        INDArray importance = Transforms.abs(weights.mul(gradient).muli(scale), false);
        mean.muli(beta1).addi(importance.mul(1 - beta1));
        uncertainty.muli(beta2).addi(Transforms.abs(importance.subi(mean), false).muli(1 - beta2));
    }

    /**
     * The averages as plain values, for a snapshot or the engine's state file: both β and, per
     * layer, Ī and Ū in row-major order of the weight array's shape. Serializable as it is.
     */
    record Saved(double beta1, double beta2, ArrayList<float[]> means, ArrayList<float[]> uncertainties)
            implements java.io.Serializable {}

    Saved save() {
        ArrayList<float[]> means = new ArrayList<>();
        ArrayList<float[]> uncertainties = new ArrayList<>();
        for (Tracked t : layers) {
            means.add(t.mean.dup('c').data().asFloat());
            uncertainties.add(t.uncertainty.dup('c').data().asFloat());
        }
        return new Saved(beta1, beta2, means, uncertainties);
    }

    /** A listener on {@code net} that goes on from saved averages, which must be of its shapes. */
    static ImportanceListener restore(ComputationGraph net, List<WeightLayout> layouts, Saved saved) {
        ImportanceListener l = new ImportanceListener(net, layouts, saved.beta1(), saved.beta2());
        if (saved.means().size() != l.layers.size()) {
            throw new dev.prune.engine.EngineException("the saved gradient averages are of " + saved.means().size()
                    + " layers but the network has " + l.layers.size());
        }
        for (int i = 0; i < l.layers.size(); i++) {
            Tracked t = l.layers.get(i);
            assign(t.mean, saved.means().get(i));
            assign(t.uncertainty, saved.uncertainties().get(i));
        }
        return l;
    }

    private static void assign(INDArray target, float[] values) {
        if (values.length != target.length()) {
            throw new dev.prune.engine.EngineException("saved gradient averages of " + values.length
                    + " weights for a layer of " + target.length());
        }
        target.assign(Nd4j.create(values, target.shape(), 'c').castTo(target.dataType()));
    }

    /** Ī ⊙ Ū of every layer, in the boundary's flat layout. */
    List<float[]> scores() {
        List<float[]> out = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            Tracked t = layers.get(i);
            out.add(layouts.get(i).flat(t.mean.mul(t.uncertainty)));
        }
        return out;
    }
}

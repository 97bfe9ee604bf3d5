package dev.prune.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Enforces masks and frozen layers around every optimizer step.
 *
 * <p>One DL4J iteration runs: backprop, {@code onGradientCalculation}, updater, parameter update,
 * {@code iterationDone}. Pruned weights are set back to zero in {@code iterationDone}; that alone
 * holds them at exactly zero under SGD, Nesterov momentum and Adam, whatever the optimizer state
 * says, and the updates of the kept weights are elementwise, so they do not depend on it. Their
 * gradients are therefore not masked: it changed no kept weight and cost about a third of the
 * listener's time. What the pruned weights' optimizer state accumulates only matters if a weight
 * comes back, and {@link UpdaterState#zeroRevived} clears it then.
 *
 * <p>Frozen layers do get their gradient zeroed before the updater, so that their momentum decays
 * as if they did not train, and their parameters are written back from a snapshot after the step,
 * which is exact where a zero learning rate is not (Nesterov velocity keeps moving; Adam's native
 * kernel swaps a zero factor for epsilon).
 *
 * <p>A batch norm right after a layer holds γ and β at zero on the channels whose filter is
 * masked whole ({@link dev.prune.engine.ChannelGroups#silenced}), at the same moments as the
 * weights: a removed channel then emits exactly zero, as it will once compacted away.
 *
 * <p>Network slimming's L1 penalty on the γ of the batch norms right after weight layers is added
 * here too, to γ's gradient before the updater, so that every optimizer sees it as part of the
 * gradient (the authors' {@code updateBN()} adds λ·sign(γ) to {@code weight.grad} before
 * {@code optimizer.step()}). At this point DL4J's gradient is the sum over the mini-batch; its
 * updater divides it by the mini-batch size afterwards, so λ·sign(γ) is added times that size
 * and the step sees the mean loss's gradient plus λ·sign(γ).
 *
 * <p>All arrays are prepared before training; the per-iteration work is in-place products and
 * copies with no allocation.
 */
final class MaskListener extends BaseTrainingListener {

    private record Masked(String gradientKey, INDArray weights, INDArray mask) {}

    /** A batch norm's γ and β and the channels of them held at zero (0 where silenced, 1 elsewhere). */
    private record Norm(INDArray gamma, INDArray beta, INDArray keep) {}

    private record Frozen(INDArray params, INDArray snapshot, Layer layer) {}

    /** A batch norm's γ and the key of its gradient, under the L1 penalty. */
    private record Scale(INDArray gamma, String gradientKey) {}

    private final List<Masked> masked = new ArrayList<>();
    private final List<Norm> norms = new ArrayList<>();
    private final List<Frozen> frozen = new ArrayList<>();
    private final List<Scale> scales = new ArrayList<>();
    private double normL1;
    private boolean maskGradients;
    private long nanos;

    /** Replaces the masks; a null entry means the layer keeps all its weights. */
    void setMasks(ComputationGraph net, List<WeightLayout> layouts, List<INDArray> masks) {
        masked.clear();
        for (int i = 0; i < layouts.size(); i++) {
            INDArray mask = masks.get(i);
            if (mask != null) {
                WeightLayout l = layouts.get(i);
                masked.add(new Masked(l.weightKey(), l.weights(net), mask));
            }
        }
    }

    /**
     * Replaces the batch norm channels held at zero: γ and β of a channel whose filter is masked
     * whole, which would otherwise still emit β.
     */
    void setNorms(ComputationGraph net, Map<String, boolean[]> silenced) {
        norms.clear();
        for (Map.Entry<String, boolean[]> e : silenced.entrySet()) {
            Layer layer = net.getLayer(e.getKey());
            boolean[] dead = e.getValue();
            float[] keep = new float[dead.length];
            for (int c = 0; c < dead.length; c++) {
                keep[c] = dead[c] ? 0f : 1f;
            }
            INDArray gamma = layer.getParam(BatchNormalizationParamInitializer.GAMMA);
            INDArray k = Nd4j.create(keep).reshape(gamma.shape()).castTo(gamma.dataType());
            norms.add(new Norm(gamma, layer.getParam(BatchNormalizationParamInitializer.BETA), k));
        }
    }

    /**
     * Sets the L1 penalty λ on the γ of the given batch norm vertices for the steps that follow;
     * 0 turns it off.
     */
    void penalize(ComputationGraph net, List<String> norms, double lambda) {
        scales.clear();
        normL1 = lambda;
        if (lambda == 0) {
            return;
        }
        for (String name : norms) {
            scales.add(new Scale(net.getLayer(name).getParam(BatchNormalizationParamInitializer.GAMMA),
                    name + "_" + BatchNormalizationParamInitializer.GAMMA));
        }
    }

    /** Snapshots the given graph layers (by vertex name) as they are now; they are held there until the next call. */
    void freeze(ComputationGraph net, List<String> vertices) {
        frozen.clear();
        for (String vertex : vertices) {
            Layer layer = net.getLayer(vertex);
            if (layer.numParams() > 0) {
                INDArray params = layer.params();
                // The gradient view exists only once the network has computed a gradient: looked up when needed.
                frozen.add(new Frozen(params, params.dup(), layer));
            }
        }
    }

    /**
     * Also zero the gradients of pruned weights before the updater: the straightforward path, which
     * gives the same weights; kept for the benchmark and the test that shows they are the same.
     */
    void maskGradients(boolean on) {
        maskGradients = on;
    }

    /** Time spent enforcing masks and freezing since the listener was made, for the benchmark. */
    long nanos() {
        return nanos;
    }

    boolean hasMasks() {
        return !masked.isEmpty() || !norms.isEmpty();
    }

    /** Zeroes pruned weights now, e.g. after a new mask or a rewind. */
    void applyToParams() {
        for (Masked m : masked) {
            m.weights.muli(m.mask);
        }
        for (Norm n : norms) {
            n.gamma.muli(n.keep);
            n.beta.muli(n.keep);
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (frozen.isEmpty() && scales.isEmpty() && !(maskGradients && !masked.isEmpty())) {
            return;
        }
        long start = System.nanoTime();
        if (!scales.isEmpty()) {
            Gradient gradient = model.gradient();
            double times = normL1 * model.batchSize();
            for (Scale s : scales) {
                gradient.getGradientFor(s.gradientKey).addi(Transforms.sign(s.gamma, true).muli(times));
            }
        }
        if (maskGradients) {
            Gradient gradient = model.gradient();
            for (Masked m : masked) {
                gradient.getGradientFor(m.gradientKey).muli(m.mask);
            }
        }
        for (Frozen f : frozen) {
            f.layer.getGradientsViewArray().assign(0);
        }
        nanos += System.nanoTime() - start;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (masked.isEmpty() && frozen.isEmpty() && norms.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        for (Frozen f : frozen) {
            f.params.assign(f.snapshot);
        }
        applyToParams();
        nanos += System.nanoTime() - start;
    }
}

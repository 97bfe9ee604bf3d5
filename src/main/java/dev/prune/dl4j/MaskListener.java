package dev.prune.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Enforces masks and frozen layers around every optimizer step.
 *
 * <p>One DL4J iteration runs: backprop, {@code onGradientCalculation}, updater, parameter update,
 * {@code iterationDone}. Masking the gradient keeps fresh updates off pruned weights, but momentum
 * and Adam moments accumulated before the pruning still move them, so the parameters are masked
 * again after the step. Frozen layers work the same way: their gradient is zeroed and their
 * parameters are written back from a snapshot, which is exact where a zero learning rate is not
 * (Nesterov velocity keeps moving; Adam's native kernel swaps a zero factor for epsilon).
 *
 * <p>All arrays are prepared before training; the per-iteration work is in-place products and
 * copies with no allocation.
 */
final class MaskListener extends BaseTrainingListener {

    private record Masked(String gradientKey, INDArray weights, INDArray mask) {}

    private record Frozen(INDArray params, INDArray snapshot, INDArray gradient) {}

    private final List<Masked> masked = new ArrayList<>();
    private final List<Frozen> frozen = new ArrayList<>();

    /** Replaces the masks; a null entry means the layer keeps all its weights. */
    void setMasks(MultiLayerNetwork net, List<WeightLayout> layouts, List<INDArray> masks) {
        masked.clear();
        for (int i = 0; i < layouts.size(); i++) {
            INDArray mask = masks.get(i);
            if (mask != null) {
                WeightLayout l = layouts.get(i);
                masked.add(new Masked(l.dl4jIndex() + "_W", l.weights(net), mask));
            }
        }
    }

    /** Snapshots the given DL4J layers as they are now; they are held there until the next call. */
    void freeze(MultiLayerNetwork net, List<Integer> dl4jLayers) {
        frozen.clear();
        for (int index : dl4jLayers) {
            Layer layer = net.getLayer(index);
            if (layer.numParams() > 0) {
                INDArray params = layer.params();
                frozen.add(new Frozen(params, params.dup(), layer.getGradientsViewArray()));
            }
        }
    }

    boolean hasMasks() {
        return !masked.isEmpty();
    }

    /** Zeroes pruned weights now, e.g. after a new mask or a rewind. */
    void applyToParams() {
        for (Masked m : masked) {
            m.weights.muli(m.mask);
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (masked.isEmpty() && frozen.isEmpty()) {
            return;
        }
        Gradient gradient = model.gradient();
        for (Masked m : masked) {
            gradient.getGradientFor(m.gradientKey).muli(m.mask);
        }
        for (Frozen f : frozen) {
            f.gradient.assign(0);
        }
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        for (Frozen f : frozen) {
            f.params.assign(f.snapshot);
        }
        applyToParams();
    }
}

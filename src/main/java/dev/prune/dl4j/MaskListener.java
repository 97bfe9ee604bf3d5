package dev.prune.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

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
 * <p>All arrays are prepared before training; the per-iteration work is in-place products and
 * copies with no allocation.
 */
final class MaskListener extends BaseTrainingListener {

    private record Masked(String gradientKey, INDArray weights, INDArray mask) {}

    private record Frozen(INDArray params, INDArray snapshot, Layer layer) {}

    private final List<Masked> masked = new ArrayList<>();
    private final List<Frozen> frozen = new ArrayList<>();
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
        if (frozen.isEmpty() && !(maskGradients && !masked.isEmpty())) {
            return;
        }
        long start = System.nanoTime();
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
        if (masked.isEmpty() && frozen.isEmpty()) {
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

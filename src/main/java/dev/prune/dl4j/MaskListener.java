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
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.indexing.NDArrayIndex;
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
 * copies with no allocation, in as few native calls as possible, because each costs 8-15 us
 * whatever its size and a LeNet-300-100 step is only 3-5 ms: the masks of all layers and batch
 * norms are one product over the stretch of the flat parameter vector that holds them (ones in
 * between, which leave every bit as it is, run again as made: {@link NativeCall}), a frozen
 * layer is put back by one memory copy, and its gradient is zeroed only when the optimizer keeps
 * state or another listener reads it (plain SGD's update of a frozen layer is overwritten by the
 * copy anyway). Under plain SGD, {@link DenseStep} folds the masks into its update and says so
 * ({@link #maskedByStep}): that step's product over the parameters is then left out.
 */
final class MaskListener extends BaseTrainingListener {

    private record Masked(String gradientKey, INDArray weights, INDArray mask) {}

    /** A batch norm's γ and β and the channels of them held at zero (0 where silenced, 1 elsewhere). */
    private record Norm(INDArray gamma, INDArray beta, INDArray keep) {}

    private record Frozen(INDArray params, INDArray snapshot, Layer layer) {}

    /** A batch norm's γ and the key of its gradient, under the L1 penalty. */
    private record Scale(INDArray gamma, String gradientKey) {}

    /**
     * A stretch of the flat parameter vector and what it is multiplied by after every step, with
     * the product made once ({@link NativeCall}); null for a parameter outside the flat vector.
     */
    private record Span(long start, INDArray params, INDArray keep, NativeCall product) {}

    /**
     * Masked stretches closer than this many parameters are multiplied as one, ones in between:
     * a native call costs about as much as multiplying 30,000 floats.
     */
    private static final long GAP = 32_768;

    private final List<Masked> masked = new ArrayList<>();
    private final List<Span> spans = new ArrayList<>();
    private INDArray flatParams;
    private boolean statefulUpdater = true;
    private boolean gradientsRead;
    private final List<Norm> norms = new ArrayList<>();
    private final List<Frozen> frozen = new ArrayList<>();
    private final List<Scale> scales = new ArrayList<>();
    private double normL1;
    /** ToST's ghost phase: its length G in steps and the steps done; 0 and 0 outside one. */
    private int ghostSteps;
    private int ghostDone;
    private boolean maskGradients;
    private long nanos;
    /** Bumped whenever the masks or the silenced channels change. */
    private int version;
    /** The step that is running has applied the masks itself ({@link #maskedByStep}). */
    private boolean maskedByStep;
    /** Steps whose masks the step applied itself, for the tests. */
    private long stepsMaskedByStep;

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
        spans(net);
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
        spans(net);
    }

    /** A parameter array and its multiplier, in the parameter's storage order, placed in the flat vector. */
    private record Piece(long start, INDArray params, INDArray keep) {}

    /**
     * Lays the masks and the silenced batch norm channels out over the flat parameter vector and
     * merges those that lie close together into spans. A parameter that is not a plain
     * contiguous view of that vector (none in the networks built here) keeps a product of its own.
     */
    private void spans(ComputationGraph net) {
        spans.clear();
        version++;
        INDArray all = net.params();
        flatParams = all.reshape(all.length());
        List<Piece> pieces = new ArrayList<>();
        for (Masked m : masked) {
            pieces.add(piece(m.weights, m.mask));
        }
        for (Norm n : norms) {
            pieces.add(piece(n.gamma, n.keep));
            pieces.add(piece(n.beta, n.keep));
        }
        pieces.sort(java.util.Comparator.comparingLong(Piece::start));
        int i = 0;
        while (i < pieces.size()) {
            Piece first = pieces.get(i);
            if (first.start < 0) {
                spans.add(new Span(-1, first.params, first.keep, null));
                i++;
                continue;
            }
            int j = i + 1;
            long end = first.start + first.params.length();
            while (j < pieces.size() && pieces.get(j).start >= end && pieces.get(j).start - end <= GAP) {
                end = pieces.get(j).start + pieces.get(j).params.length();
                j++;
            }
            float[] keep = new float[Math.toIntExact(end - first.start)];
            java.util.Arrays.fill(keep, 1f);
            for (Piece p : pieces.subList(i, j)) {
                float[] values = p.keep.dup(p.params.ordering()).data().asFloat();
                System.arraycopy(values, 0, keep, (int) (p.start - first.start), values.length);
            }
            INDArray view = flatParams.get(NDArrayIndex.interval(first.start, end));
            INDArray multiplier = Nd4j.create(keep).castTo(view.dataType());
            spans.add(new Span(first.start, view, multiplier, new NativeCall(new MulOp(view, multiplier, view))));
            i = j;
        }
    }

    /**
     * Where {@code params} starts in the flat vector, or -1 when it is not a contiguous view of
     * it in its own order with its multiplier shaped alike.
     */
    private Piece piece(INDArray params, INDArray keep) {
        boolean inFlat = params.data().originalDataBuffer() == flatParams.data().originalDataBuffer()
                && params.elementWiseStride() == 1 && java.util.Arrays.equals(params.shape(), keep.shape());
        long start = params.offset() - flatParams.offset();
        boolean inside = start >= 0 && start + params.length() <= flatParams.length();
        return new Piece(inFlat && inside ? start : -1, params, keep);
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

    /**
     * Starts a ghost phase of {@code steps} iterations ({@link dev.prune.engine.Ghost}): after each
     * of them the pruned weights are scaled by the phase's factor instead of zeroed; 0 ends one
     * (call {@link #applyToParams} then, should it end early).
     */
    void ghost(int steps) {
        ghostSteps = steps;
        ghostDone = 0;
    }

    /** After ghost step k: pruned weights times the factor, kept ones as they are, silenced channels at zero. */
    private void ghostStep() {
        ghostDone++;
        double f = dev.prune.engine.Ghost.factor(ghostDone, ghostSteps);
        if (f == 0) {
            applyToParams();
            return;
        }
        for (Masked m : masked) {
            // m + (1 - m) f: 1 where kept, f where pruned.
            m.weights.muli(m.mask.rsub(1.0).muli(f).addi(m.mask));
        }
        for (Norm n : norms) {
            n.gamma.muli(n.keep);
            n.beta.muli(n.keep);
        }
    }

    /** Snapshots the given graph layers (by vertex name) as they are now; they are held there until the next call. */
    void freeze(ComputationGraph net, List<String> vertices) {
        frozen.clear();
        INDArray state = net.getUpdater(true).getStateViewArray();
        statefulUpdater = state != null && state.length() > 0;
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

    /** Whether gradients are masked too, which needs DL4J's gradient object ({@link DenseStep} has none). */
    boolean masksGradients() {
        return maskGradients;
    }

    /** Time spent enforcing masks and freezing since the listener was made, for the benchmark. */
    long nanos() {
        return nanos;
    }

    /**
     * Another listener reads the gradients after this one (PLATON's averages): a frozen layer's
     * gradient is then zeroed whatever the optimizer, as it would be for one that keeps state.
     */
    void gradientsRead(boolean on) {
        gradientsRead = on;
    }

    /** How many native products enforce the masks after each step, for the tests. */
    int products() {
        return spans.size();
    }

    /** Changes whenever the masks or the silenced channels do. */
    int masksVersion() {
        return version;
    }

    /**
     * Writes each flat parameter's multiplier into {@code keep} (0 where pruned or silenced, 1
     * elsewhere) and returns true, or returns false when some multiplier lies outside the flat
     * vector or is not 0 or 1.
     */
    boolean multipliers(float[] keep) {
        java.util.Arrays.fill(keep, 1f);
        for (Span s : spans) {
            if (s.start < 0) {
                return false;
            }
            float[] values = s.keep.data().asFloat();
            for (float v : values) {
                if (v != 0f && v != 1f) {
                    return false;
                }
            }
            System.arraycopy(values, 0, keep, (int) s.start, values.length);
        }
        // Folding the masks into the update keeps zeros at zero and nothing else: the weights and
        // the frozen layers' snapshots must be zero where pruned already, as they are after
        // applyToParams; otherwise the listener's product is still needed.
        if (!zeroWherePruned(flatParams.data().asFloat(), 0, keep)) {
            return false;
        }
        for (Frozen f : frozen) {
            Piece piece = piece(f.params, f.snapshot);
            if (piece.start < 0 || !zeroWherePruned(f.snapshot.dup(f.params.ordering()).data().asFloat(),
                    (int) piece.start, keep)) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeroWherePruned(float[] values, int start, float[] keep) {
        for (int i = 0; i < values.length; i++) {
            if (keep[start + i] == 0f && values[i] != 0f) {
                return false;
            }
        }
        return true;
    }

    /**
     * The step now running gives pruned weights exactly zero itself (DenseStep folds the masks
     * into its update): after it, frozen layers are put back and the masks' product is left out.
     */
    void maskedByStep() {
        maskedByStep = true;
    }

    /** How many steps applied the masks themselves instead of this listener's product, for the tests. */
    long stepsMaskedByStep() {
        return stepsMaskedByStep;
    }

    /** Whether {@code layer} is one of the layers held frozen now. */
    boolean frozen(Layer layer) {
        for (Frozen f : frozen) {
            if (f.layer == layer) {
                return true;
            }
        }
        return false;
    }

    boolean hasMasks() {
        return !masked.isEmpty() || !norms.isEmpty();
    }

    /** Zeroes pruned weights now, e.g. after a new mask or a rewind. */
    void applyToParams() {
        for (Span s : spans) {
            if (s.product != null) {
                s.product.run();
            } else {
                s.params.muli(s.keep);
            }
        }
    }

    /** The snapshot back into the layer: one memory copy when both are plain contiguous arrays alike. */
    private static void restore(Frozen f) {
        if (f.params.elementWiseStride() == 1 && f.snapshot.elementWiseStride() == 1
                && f.params.ordering() == f.snapshot.ordering() && f.params.dataType() == f.snapshot.dataType()
                && java.util.Arrays.equals(f.params.shape(), f.snapshot.shape())) {
            Pointer.memcpy(f.params.data().addressPointer(), f.snapshot.data().addressPointer(),
                    f.params.length() * f.params.dataType().width());
        } else {
            f.params.assign(f.snapshot);
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        boolean zeroFrozen = statefulUpdater || gradientsRead;
        if ((frozen.isEmpty() || !zeroFrozen) && scales.isEmpty() && !(maskGradients && !masked.isEmpty())) {
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
        if (zeroFrozen) {
            for (Frozen f : frozen) {
                f.layer.getGradientsViewArray().assign(0);
            }
        }
        nanos += System.nanoTime() - start;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        boolean masksApplied = maskedByStep;
        maskedByStep = false;
        if (masked.isEmpty() && frozen.isEmpty() && norms.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        for (Frozen f : frozen) {
            restore(f);
        }
        if (ghostDone < ghostSteps) {
            ghostStep();
        } else if (!masksApplied) {
            applyToParams();
        } else {
            stepsMaskedByStep++;
        }
        nanos += System.nanoTime() - start;
    }
}

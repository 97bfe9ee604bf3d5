package dev.prune.dl4j;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * One training step of a chain of dense layers ending in softmax with cross-entropy, written
 * directly on ND4J operations, used by {@link TrainLoop} instead of {@code ComputationGraph.fit}
 * where {@link #of} allows it.
 *
 * <p>Why: a LeNet-300-100 step's matrix products run as fast in ND4J as in PyTorch, but
 * {@code fit} adds DL4J's cost per operation: some 30 arrays created with their shape
 * descriptors, workspace bookkeeping, the output layer's product computed twice and the loss
 * allocated outside the workspaces. Here every array is allocated once per batch size (the
 * smaller last batch of an epoch has its own set), each operation writes into one of them, and
 * the step is 8 products plus about 17 element-wise native calls.
 *
 * <p>The arithmetic is DL4J's, operation for operation, so the weights and the optimizer state
 * are DL4J's to the bit: the same products with the same operand orders (x·W into a 'c' array,
 * Wᵀ's product written as W·δᵀ into an 'f' array as the layers do), ReLU's derivative from the
 * layer's output as {@link ReluDense} reads it, the bias gradient as a column sum, the gradient
 * divided by the batch size over the flat gradient, and then DL4J's own updater blocks (L2 before
 * the update, Nesterov's or Adam's native kernel, their state in DL4J's state array) and
 * {@code params -= update}. The parameters and gradients are the graph's own views, so saved
 * models, checkpoints, snapshots and the optimizer state are shared with every other path. Masks
 * and freezing are the mask listener's own code, called where {@code fit} calls it.
 *
 * <p>The one number computed differently is the reported loss: DL4J sums log-probabilities in
 * float with six native calls; here they are summed in double from the probabilities already
 * computed (the same value to about 1e-7, no native call).
 */
final class DenseStep {

    /** A weight layer: its parameter and gradient views, and whether ReLU follows it. */
    private record Dense(Layer layer, INDArray w, INDArray b, INDArray gw, INDArray gb, boolean relu) {}

    /**
     * The arrays of one batch size: pre-activations/activations, each layer's input gradient in 'f'
     * order with its transpose, and the transpose of each layer's δ. Views are made here once: ND4J
     * takes 20-30 µs to make one.
     */
    private record Buffers(INDArray[] z, INDArray[] epsilon, INDArray[] epsilonT, INDArray[] deltaT) {}

    private static final double CLIP = 1e-10;

    private final ComputationGraph net;
    private final MaskListener guard;
    private final List<Dense> layers;
    private final INDArray params;
    private final INDArray gradient;
    private final List<UpdaterBlock> blocks;
    private final boolean regularized;
    private final Map<Integer, Buffers> buffers = new HashMap<>();

    private DenseStep(ComputationGraph net, MaskListener guard, List<Dense> layers, List<UpdaterBlock> blocks,
                      boolean regularized) {
        this.net = net;
        this.guard = guard;
        this.layers = layers;
        this.params = net.params().reshape(net.params().length());
        this.gradient = net.getFlattenedGradients().reshape(net.params().length());
        this.blocks = blocks;
        this.regularized = regularized;
    }

    /**
     * The step for {@code net}, or null when the network or the training asks for something only
     * DL4J's {@code fit} does. This is the one place that decides. The step computes exactly one
     * thing: a chain input → dense (ReLU or identity) → ... → softmax output with MCXENT, float, on
     * the CPU, SGD, Nesterov or Adam with at most L2, nothing between the layers, and nothing that
     * reads the gradient besides the mask listener. So it falls back for batch norm, convolutions,
     * dropout and any other vertex, other activations and losses, gradient normalization, L1 and
     * weight decay; for the penalties that work inside the step (network slimming's L1 on γ, SCL's
     * mask variables, the spectral step, ToST's ghost phase; {@code ghost} is its length, 0 outside
     * one); when another listener reads the gradient (PLATON's averages, SCL) or the mask listener
     * is asked to mask gradients; and on another backend. Label smoothing does not need DL4J:
     * it only changes the targets, and softmax-minus-target is the gradient for soft targets too.
     */
    static DenseStep of(ComputationGraph net, MaskListener guard, dev.prune.engine.Penalty penalty, int ghost) {
        boolean penalties = penalty.normL1() != 0 || penalty.connections() != null || penalty.spectral() != null
                || ghost > 0;
        if (penalties || !Backend.cpu() || guard.masksGradients() || net.getNumInputArrays() != 1
                || net.getNumOutputArrays() != 1 || !onlyGuard(net, guard)
                || net.params().dataType() != DataType.FLOAT) {
            return null;
        }
        // DL4J makes the gradient views with its updater: asking for the updater makes both.
        BaseMultiLayerUpdater<?> updater = net.getUpdater(true);
        List<Dense> chain = net.getFlattenedGradients() == null ? null : chain(net);
        if (chain == null) {
            return null;
        }
        boolean regularized = false;
        for (Dense d : chain) {
            BaseLayer conf = (BaseLayer) d.layer.conf().getLayer();
            if (!plainUpdater(conf.getIUpdater()) || !plainUpdater(conf.getBiasUpdater() == null ? conf.getIUpdater()
                    : conf.getBiasUpdater()) || conf.getGradientNormalization() != GradientNormalization.None
                    && conf.getGradientNormalization() != null || conf.getIDropout() != null
                    || conf.getWeightNoise() != null || !d.layer.conf().isMiniBatch()
                    || conf.getConstraints() != null && !conf.getConstraints().isEmpty()) {
                return null;
            }
            for (String p : List.of(DefaultParamInitializer.WEIGHT_KEY, DefaultParamInitializer.BIAS_KEY)) {
                List<Regularization> regs = conf.getRegularizationByParam(p);
                for (Regularization r : regs == null ? List.<Regularization>of() : regs) {
                    if (!(r instanceof L2Regularization)) {
                        return null;
                    }
                    regularized = true;
                }
            }
        }
        return new DenseStep(net, guard, chain, updater.getUpdaterBlocks(), regularized);
    }

    private static boolean plainUpdater(IUpdater u) {
        return u instanceof Sgd || u instanceof Nesterovs || u instanceof Adam;
    }

    /** The mask listener alone: any other listener may read what {@code fit} leaves in the network. */
    private static boolean onlyGuard(ComputationGraph net, MaskListener guard) {
        List<TrainingListener> listeners = new ArrayList<>(net.getListeners());
        return listeners.size() == 1 && listeners.get(0) == guard;
    }

    /** The network's layers in order when it is a plain dense chain as {@link #of} describes, else null. */
    private static List<Dense> chain(ComputationGraph net) {
        GraphVertex[] vertices = net.getVertices();
        List<Dense> out = new ArrayList<>();
        int previous = -1;
        for (int index : net.topologicalSortOrder()) {
            GraphVertex v = vertices[index];
            if (v.isInputVertex()) {
                if (previous != -1) {
                    return null;
                }
                previous = index;
                continue;
            }
            VertexIndices[] in = v.getInputVertices();
            if (!(v instanceof LayerVertex lv) || in == null || in.length != 1 || in[0].getVertexIndex() != previous
                    || lv.getLayerPreProcessor() != null || lv.getLayer().numParams() == 0) {
                return null;
            }
            Layer layer = lv.getLayer();
            boolean output = layer.getClass() == OutputLayer.class;
            if (!output && !(layer instanceof DenseLayer) || output != (out.size() + 2 == vertices.length)) {
                return null;
            }
            BaseLayer conf = (BaseLayer) layer.conf().getLayer();
            IActivation fn = conf.getActivationFn();
            boolean relu = fn instanceof ActivationReLU r && r.getMax() == null && r.getThreshold() == null
                    && r.getNegativeSlope() == null;
            if (output) {
                org.deeplearning4j.nn.conf.layers.OutputLayer oc = (org.deeplearning4j.nn.conf.layers.OutputLayer) conf;
                if (!(fn instanceof ActivationSoftmax) || !(oc.getLossFn() instanceof LossMCXENT loss)
                        || loss.getWeights() != null || loss.getSoftmaxClipEps() != CLIP) {
                    return null;
                }
            } else if (!relu && !(fn instanceof ActivationIdentity)
                    || ((org.deeplearning4j.nn.conf.layers.DenseLayer) conf).hasLayerNorm()) {
                return null;
            }
            if (layer.getParam(DefaultParamInitializer.BIAS_KEY) == null || layer.getGradientsViewArray() == null) {
                return null;
            }
            Map<String, INDArray> grads = DefaultParamInitializer.getInstance()
                    .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray());
            out.add(new Dense(layer, layer.getParam(DefaultParamInitializer.WEIGHT_KEY),
                    layer.getParam(DefaultParamInitializer.BIAS_KEY), grads.get(DefaultParamInitializer.WEIGHT_KEY),
                    grads.get(DefaultParamInitializer.BIAS_KEY), relu));
            previous = index;
        }
        return out.isEmpty() || previous == -1 ? null : out;
    }

    /**
     * One step on a mini-batch: forward, loss, backward, the listener's freezing, DL4J's update,
     * the listener's masks. Returns the loss as DL4J's {@code score()} reports it (mean
     * cross-entropy plus the L2 term, both of the parameters before the step).
     */
    double fit(INDArray x, INDArray y) {
        int batch = (int) x.size(0);
        if (y.ordering() != 'c' || y.elementWiseStride() != 1) {
            y = y.dup('c');
        }
        Buffers buf = buffers.computeIfAbsent(batch, this::allocate);
        int n = layers.size();
        INDArray in = x;
        for (int l = 0; l < n; l++) {
            Dense d = layers.get(l);
            INDArray z = buf.z[l];
            in.mmuli(d.w, z);
            z.addiRowVector(d.b);
            if (d.relu) {
                Nd4j.getExecutioner().exec(new RectifiedLinear(z, z));
            }
            in = z;
        }
        INDArray p = buf.z[n - 1];
        Nd4j.getExecutioner().exec(new SoftMax(p, p));
        double loss = crossEntropy(p, y, batch);
        if (regularized) {
            for (Dense d : layers) {
                loss += d.layer.calcRegularizationScore(true);
            }
        }
        INDArray delta = p.subi(y);
        for (int l = n - 1; l >= 0; l--) {
            Dense d = layers.get(l);
            Nd4j.gemm(l == 0 ? x : buf.z[l - 1], delta, d.gw, true, false, 1.0, 0.0);
            delta.sum(d.gb, 0);
            if (l > 0) {
                d.w.mmuli(buf.deltaT[l], buf.epsilon[l]);
                delta = buf.epsilonT[l];
                if (layers.get(l - 1).relu) {
                    // ReLU's derivative read from its output a (a > 0 exactly where z > 0), which
                    // nothing reads after this: sign(a) is 1 or 0, and δ·sign(a) is libnd4j's
                    // relu_bp in two plain element-wise calls, about a third of relu_bp's time
                    // (a custom op). The one difference: δ·0 is -0 where δ < 0, relu_bp's +0.
                    INDArray a = buf.z[l - 1];
                    Nd4j.getExecutioner().exec(new Sign(a, a));
                    delta.muli(a);
                }
            }
        }
        update(batch);
        return loss;
    }

    /** What {@code fit} does after the gradient: listener, division by the batch, updater blocks, step, listener. */
    private void update(int batch) {
        guard.onGradientCalculation(net);
        int iteration = net.getConfiguration().getIterationCount();
        int epoch = net.getConfiguration().getEpochCount();
        gradient.divi(batch);
        for (UpdaterBlock block : blocks) {
            block.update(iteration, epoch);
        }
        params.subi(gradient);
        guard.iterationDone(net, iteration, epoch);
        net.getConfiguration().setIterationCount(iteration + 1);
    }

    /**
     * −Σ y log p / batch with p clipped to [1e-10, 1 − 1e-10] as DL4J's MCXENT does, read from the
     * native buffers: the terms with a zero target are zero and are skipped.
     */
    private static double crossEntropy(INDArray p, INDArray y, int batch) {
        FloatBuffer probabilities = p.data().asNioFloat();
        FloatBuffer targets = y.data().asNioFloat();
        int from = (int) y.offset();
        int count = (int) p.length();
        float low = (float) CLIP;
        float high = (float) (1.0 - CLIP);
        double sum = 0;
        for (int i = 0; i < count; i++) {
            float t = targets.get(from + i);
            if (t != 0f) {
                float q = Math.min(Math.max(probabilities.get(i), low), high);
                sum += t * Math.log(q);
            }
        }
        return -sum / batch;
    }

    private Buffers allocate(int batch) {
        int n = layers.size();
        INDArray[] z = new INDArray[n];
        INDArray[] epsilon = new INDArray[n];
        INDArray[] epsilonT = new INDArray[n];
        for (int l = 0; l < n; l++) {
            INDArray w = layers.get(l).w;
            z[l] = Nd4j.createUninitialized(DataType.FLOAT, new long[] {batch, w.size(1)}, 'c');
            if (l > 0) {
                epsilon[l] = Nd4j.createUninitialized(DataType.FLOAT, new long[] {w.size(0), batch}, 'f');
                epsilonT[l] = epsilon[l].transpose();
            }
        }
        INDArray[] deltaT = new INDArray[n];
        for (int l = 0; l < n; l++) {
            // δ of the output layer is written over its probabilities; a hidden layer's is the
            // transpose of the input gradient of the layer after it.
            deltaT[l] = l == n - 1 ? z[l].transpose() : epsilon[l + 1];
        }
        return new Buffers(z, epsilon, epsilonT, deltaT);
    }
}

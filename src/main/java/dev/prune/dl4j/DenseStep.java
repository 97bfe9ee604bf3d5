package dev.prune.dl4j;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.Pointer;
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
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.api.ops.impl.broadcast.BiasAdd;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarDivision;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.SgdUpdater;
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
 * smaller last batch of an epoch has its own set), and so is every element-wise operation with
 * its native context ({@link NativeCall}): building an operation, checking its shapes and making
 * its context cost 10-40 µs a call whatever the array's size, more than the arithmetic on
 * [batch, 300]. The step is 8 products plus about 17 element-wise native calls, each run again
 * as it was made.
 *
 * <p>The arithmetic is DL4J's, operation for operation, so the weights and the optimizer state
 * are DL4J's to the bit: the same products with the same operand orders (x·W as {@code mmuli}
 * computes it, Wᵀ's product written as W·δᵀ into an 'f' array as the layers do), ReLU's
 * derivative from the layer's output as {@link ReluDense} reads it, the bias gradient as a column
 * sum, the gradient divided by the batch size over the flat gradient, and then DL4J's own updater
 * blocks (L2 before the update, Nesterov's or Adam's native kernel, their state in DL4J's state
 * array) and {@code params -= update}. A hidden layer's output is kept in an 'f' array, where
 * {@code mmuli} writes its product anyway: into a 'c' array it makes a new 'f' array and copies
 * it over, and the products that read the 'f' activation give the same bits. The parameters and
 * gradients are the graph's own views, so saved models, checkpoints, snapshots and the optimizer
 * state are shared with every other path. Freezing is the mask listener's own code, called where
 * {@code fit} calls it, except that a frozen layer's gradient is set to zero without the products
 * that would compute it (the listener zeroes it anyway, or puts its parameters back).
 *
 * <p>Under plain SGD without L2 the update is one pass, {@code params += (−lr)·(g/B)} (DL4J's
 * {@code sgd_updater} product and {@code subi} difference, the same bits), and masks are folded
 * into the division: g/B where a weight is kept, g/∞ = ±0 where it is pruned, so a pruned weight
 * stays exactly zero and the listener leaves out its product over the parameters. Kept weights
 * have DL4J's bits; a pruned weight's zero may have the other sign. The fold is used only while
 * the weights and the frozen layers' snapshots are already zero where pruned
 * ({@link MaskListener#multipliers}).
 *
 * <p>The one number computed differently is the reported loss: DL4J sums log-probabilities in
 * float with six native calls; here they are summed in double from the probabilities already
 * computed (the same value to about 1e-7, no native call).
 */
final class DenseStep {

    /** A weight layer: its parameter and gradient views, and whether ReLU follows it. */
    private record Dense(Layer layer, INDArray w, INDArray b, INDArray gw, INDArray gb, boolean relu) {}

    /**
     * Everything one batch size needs, made once: the arrays each operation writes into and the
     * operations themselves. A hidden layer's output lives in an 'f' array: ND4J's {@code mmuli}
     * into a 'c' array computes into a new 'f' array and copies it over, and the products that
     * read an 'f' activation give the same bits as from a 'c' one ({@code DenseStepTest}). The
     * output layer's product is copied into a 'c' array, the order the softmax and the loss read.
     */
    private record Buffers(INDArray[] z, INDArray out, INDArray[] epsilon, INDArray[] deltaT, NativeCall[] bias,
                           Op[] relu, NativeCall softmax, NativeCall residual, NativeCall[] weightGradient, Op[] biasGradient,
                           Op[] sign, NativeCall[] reluGradient, Op divide) {}

    private static final double CLIP = 1e-10;

    private final ComputationGraph net;
    private final MaskListener guard;
    private final List<Dense> layers;
    private final INDArray params;
    private final INDArray gradient;
    private final List<UpdaterBlock> blocks;
    private final boolean regularized;
    /** Each SGD block's parameter and gradient views when every block is plain SGD without L2, else null. */
    private final INDArray[][] sgd;
    private final NativeCall subtract;
    /** Per layer: whether it is frozen in this train request, and whether anyone reads its input's gradient. */
    private final boolean[] frozen;
    private final boolean[] inputGradient;
    private final Map<Integer, Buffers> buffers = new HashMap<>();
    /**
     * Under plain SGD with masks: each batch size's division of the gradient by an array that
     * holds the batch size where a weight is kept and +∞ where it is pruned, made for the masks of
     * {@link #maskVersion}; empty when the listener multiplies instead.
     */
    private final Map<Integer, NativeCall> maskedDivide = new HashMap<>();
    private float[] keep;
    private int maskVersion;
    private boolean masksRead;

    private DenseStep(ComputationGraph net, MaskListener guard, List<Dense> layers, List<UpdaterBlock> blocks,
                      boolean regularized) {
        this.net = net;
        this.guard = guard;
        this.layers = layers;
        this.params = net.params().reshape(net.params().length());
        this.gradient = net.getFlattenedGradients().reshape(net.params().length());
        this.blocks = blocks;
        this.regularized = regularized;
        this.sgd = regularized ? null : sgdViews(blocks, params, gradient);
        this.subtract = new NativeCall(new SubOp(params, gradient, params));
        int n = layers.size();
        this.frozen = new boolean[n];
        this.inputGradient = new boolean[n];
        boolean trainsBefore = false;
        for (int l = 0; l < n; l++) {
            frozen[l] = guard.frozen(layers.get(l).layer);
            inputGradient[l] = trainsBefore;
            trainsBefore |= !frozen[l];
        }
    }

    /**
     * The parameter and gradient views of every updater block when all of them are plain SGD:
     * such a block's update is then one {@code params += (-lr)·gradient} over the block, the
     * product and the difference DL4J's {@code sgd_updater} and {@code subi} compute, in one pass
     * where they take two.
     */
    private static INDArray[][] sgdViews(List<UpdaterBlock> blocks, INDArray params, INDArray gradient) {
        INDArray[][] views = new INDArray[blocks.size()][];
        for (int i = 0; i < blocks.size(); i++) {
            UpdaterBlock b = blocks.get(i);
            if (!(b.getGradientUpdater() instanceof SgdUpdater)) {
                return null;
            }
            var range = NDArrayIndex.interval(b.getParamOffsetStart(), b.getParamOffsetEnd());
            views[i] = new INDArray[] {params.get(range), gradient.get(range)};
        }
        return views;
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
            boolean relu = ReluDense.plainRelu(fn);
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
        OpExecutioner exec = Nd4j.getExecutioner();
        int n = layers.size();
        INDArray in = x;
        for (int l = 0; l < n; l++) {
            Dense d = layers.get(l);
            if (l < n - 1) {
                in.mmuli(d.w, buf.z[l]);
            } else {
                in.mmuli(d.w, buf.out);
                buf.z[l].assign(buf.out);
            }
            buf.bias[l].run();
            if (d.relu) {
                exec.exec(buf.relu[l]);
            }
            in = buf.z[l];
        }
        INDArray p = buf.z[n - 1];
        buf.softmax.run();
        double loss = crossEntropy(p, y, batch);
        if (regularized) {
            for (Dense d : layers) {
                loss += d.layer.calcRegularizationScore(true);
            }
        }
        buf.residual.input(1, y);
        buf.residual.run();
        buf.weightGradient[0].input(0, x);
        for (int l = n - 1; l >= 0; l--) {
            Dense d = layers.get(l);
            if (frozen[l]) {
                // A frozen layer's gradient is zero, as the listener would make it before the
                // updater (its momentum decays as if it did not train), without the products
                // that it would throw away; its parameters are put back after the step anyway.
                zero(d.layer.getGradientsViewArray());
            } else {
                buf.weightGradient[l].run();
                exec.exec(buf.biasGradient[l]);
            }
            if (inputGradient[l]) {
                d.w.mmuli(buf.deltaT[l], buf.epsilon[l]);
                if (layers.get(l - 1).relu) {
                    // ReLU's derivative read from its output a (a > 0 exactly where z > 0), which
                    // nothing reads after this: sign(a) is 1 or 0, and δ·sign(a) is libnd4j's
                    // relu_bp in two plain element-wise calls, about a third of relu_bp's time
                    // (a custom op). The one difference: δ·0 is -0 where δ < 0, relu_bp's +0.
                    exec.exec(buf.sign[l - 1]);
                    buf.reluGradient[l - 1].run();
                }
            }
        }
        update(buf, exec);
        return loss;
    }

    /** What {@code fit} does after the gradient: listener, division by the batch, updater blocks, step, listener. */
    private void update(Buffers buf, OpExecutioner exec) {
        guard.onGradientCalculation(net);
        int iteration = net.getConfiguration().getIterationCount();
        int epoch = net.getConfiguration().getEpochCount();
        NativeCall divide = maskedDivide(buf);
        if (divide != null) {
            // g/B where kept and g/∞ = ±0 where pruned: the update below then leaves a pruned
            // weight at zero (p + (−lr)·(±0) with p = ±0), and the listener's product over the
            // parameters, a pass of its own, is left out. Kept weights get the bits of g/B; a
            // pruned weight is 0 either way, its sign may differ from the product's.
            divide.run();
            guard.maskedByStep();
        } else {
            exec.exec(buf.divide);
        }
        if (sgd != null) {
            for (int i = 0; i < sgd.length; i++) {
                double lr = ((Sgd) blocks.get(i).getGradientUpdater().getConfig()).getLearningRate(iteration, epoch);
                exec.exec(new Axpy(sgd[i][1], sgd[i][0], sgd[i][0], -lr));
            }
        } else {
            for (UpdaterBlock block : blocks) {
                block.update(iteration, epoch);
            }
            subtract.run();
        }
        guard.iterationDone(net, iteration, epoch);
        net.getConfiguration().setIterationCount(iteration + 1);
    }

    /** The masked division for this batch size, or null when the masks are not folded into the update. */
    private NativeCall maskedDivide(Buffers buf) {
        if (sgd == null || !guard.hasMasks()) {
            return null;
        }
        if (!masksRead || maskVersion != guard.masksVersion()) {
            masksRead = true;
            maskVersion = guard.masksVersion();
            maskedDivide.clear();
            float[] k = new float[(int) params.length()];
            keep = guard.multipliers(k) ? k : null;
        }
        if (keep == null) {
            return null;
        }
        int batch = (int) buf.z[0].size(0);
        return maskedDivide.computeIfAbsent(batch, b -> {
            float[] divisor = new float[keep.length];
            for (int i = 0; i < divisor.length; i++) {
                divisor[i] = keep[i] == 0f ? Float.POSITIVE_INFINITY : b;
            }
            INDArray d = Nd4j.create(divisor);
            return new NativeCall(new DivOp(gradient, d, gradient));
        });
    }

    /** Sets a contiguous array to +0 in one memory write. */
    private static void zero(INDArray a) {
        if (a.elementWiseStride() == 1) {
            // The same addressing as the listener's copy of a frozen layer (MaskListener.restore).
            Pointer.memset(a.data().addressPointer(), 0, a.length() * a.dataType().width());
        } else {
            a.assign(0);
        }
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
        INDArray out = null;
        for (int l = 0; l < n; l++) {
            INDArray w = layers.get(l).w;
            long[] shape = {batch, w.size(1)};
            z[l] = Nd4j.createUninitialized(DataType.FLOAT, shape, l == n - 1 ? 'c' : 'f');
            if (l == n - 1) {
                out = Nd4j.createUninitialized(DataType.FLOAT, shape, 'f');
            }
            if (l > 0) {
                epsilon[l] = Nd4j.createUninitialized(DataType.FLOAT, new long[] {w.size(0), batch}, 'f');
                epsilonT[l] = epsilon[l].transpose();
            }
        }
        INDArray[] deltaT = new INDArray[n];
        INDArray[] delta = new INDArray[n];
        for (int l = 0; l < n; l++) {
            // δ of the output layer is written over its probabilities; a hidden layer's is the
            // transpose of the input gradient of the layer after it.
            deltaT[l] = l == n - 1 ? z[l].transpose() : epsilon[l + 1];
            delta[l] = l == n - 1 ? z[l] : epsilonT[l + 1];
        }
        // The first layer's input and the targets are each batch's own: set before each use.
        INDArray x = Nd4j.createUninitialized(DataType.FLOAT, new long[] {batch, layers.get(0).w.size(0)}, 'c');
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, z[n - 1].shape(), 'c');
        NativeCall[] bias = new NativeCall[n];
        Op[] relu = new Op[n];
        NativeCall[] weightGradient = new NativeCall[n];
        Op[] biasGradient = new Op[n];
        Op[] sign = new Op[n];
        NativeCall[] reluGradient = new NativeCall[n];
        for (int l = 0; l < n; l++) {
            Dense d = layers.get(l);
            bias[l] = new NativeCall(new BiasAdd(z[l], d.b.reshape(d.b.length()), z[l], false));
            relu[l] = new RectifiedLinear(z[l], z[l]);
            weightGradient[l] = new NativeCall(new Mmul(l == 0 ? x : z[l - 1], delta[l], d.gw, 1.0, 0.0,
                    MMulTranspose.builder().transposeA(true).transposeB(false).build()));
            biasGradient[l] = new Sum(delta[l], d.gb, 0);
            if (l < n - 1) {
                sign[l] = new Sign(z[l], z[l]);
                reluGradient[l] = new NativeCall(new MulOp(delta[l], z[l], delta[l]));
            }
        }
        NativeCall softmax = new NativeCall(new SoftMax(z[n - 1], z[n - 1]));
        NativeCall residual = new NativeCall(new SubOp(z[n - 1], y, z[n - 1]));
        return new Buffers(z, out, epsilon, deltaT, bias, relu, softmax, residual, weightGradient, biasGradient, sign,
                reluGradient, new ScalarDivision(gradient, null, gradient, batch));
    }
}

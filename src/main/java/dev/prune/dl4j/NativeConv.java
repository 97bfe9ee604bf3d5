package dev.prune.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.common.primitives.Pair;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Convolution and pooling through libnd4j's native {@code conv2d} and {@code maxpool2d} ops.
 *
 * <p>DL4J 1.0.0-M2.1 has helpers that call those ops, but it enables them only after looking up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment}, a class that this release no longer has (the
 * "Cannot find class" line it logs), so its layers fall back to an im2col and matrix product
 * written in Java, several times slower. These layers are DL4J's own with the helper attached.
 * The native op sums in another order, so a convolutional network's numbers differ from the
 * Java path's in the last bits; they are as deterministic as before.
 */
final class NativeConv {
    private NativeConv() {
    }

    /**
     * Replaces the convolution and pooling layers of a graph that was just initialized, and gives
     * its batch norms {@link NativeNorm}. Only on the CPU backend: the helpers are the oneDNN ones,
     * and on CUDA DL4J's layers keep their own.
     */
    static void install(ComputationGraph net) {
        install(net, true);
    }

    /**
     * @param weightsAlone whether a convolution that reads the data computes its weight gradient
     *                     alone ({@link LeanConv}), which sums in another order; false for the
     *                     tests that compare the rest of the step bit for bit
     */
    static void install(ComputationGraph net, boolean weightsAlone) {
        if (!Backend.cpu()) {
            return;
        }
        LayerSwap.replace(net, vertex -> {
            Layer layer = vertex.getLayer();
            if (layer.getClass() == ConvolutionLayer.class) {
                return new Conv(layer.conf(), (ConvolutionLayer) layer, weightsAlone && readsData(net, vertex));
            }
            return layer.getClass() == SubsamplingLayer.class ? new Pool(layer.conf(), (SubsamplingLayer) layer) : null;
        });
        for (GraphVertex v : net.getVertices()) {
            VertexIndices[] in = v.getInputVertices();
            if (v instanceof LayerVertex lv && lv.getLayer() instanceof Pool pool && lv.getLayerPreProcessor() == null
                    && in != null && in.length == 1) {
                GraphVertex before = net.getVertices()[in[0].getVertexIndex()];
                if (before.hasLayer() && before.getLayer() instanceof LeanConv conv && conv.plainRelu()
                        && before.getOutputVertices() != null && before.getOutputVertices().length == 1) {
                    conv.readBy(pool);
                }
            }
        }
        NativeNorm.install(net);
    }

    /** Whether a vertex reads only the network's input, whose gradient nobody reads. */
    static boolean readsData(ComputationGraph net, LayerVertex vertex) {
        for (VertexIndices in : vertex.getInputVertices()) {
            if (!net.getVertices()[in.getVertexIndex()].isInputVertex()) {
                return false;
            }
        }
        return true;
    }

    private static DataType dataTypeOf(Layer layer) {
        return layer.params() == null ? DataType.FLOAT : layer.params().dataType();
    }

    static final class Conv extends LeanConv {
        Conv(NeuralNetConfiguration conf, ConvolutionLayer original, boolean readsData) {
            super(conf, dataTypeOf(original), readsData);
            helper = new MKLDNNConvHelper(dataTypeOf(original));
            LayerSwap.adopt(this, original);
        }
    }

    /**
     * Pooling whose max-pooling forward and backward passes are libnd4j's own {@code maxpool2d} and
     * {@code maxpool2d_bp} loops (oneDNN's helper remains for the other kinds). oneDNN's forward
     * reorders the activations into its blocked layout and back on every call: on LeNet-5's first
     * pooling (6 channels of 28x28) it took about 38 ms per 500 examples where the plain loop takes
     * 8, and it was half of a forward pass. A maximum is exact, so both give the same values.
     */
    static final class Pool extends SubsamplingLayer implements BackwardPlan.Partial {
        /** libnd4j's op by name: ND4J 1.0.0-M2.1 has no Java class for max pooling's backward pass alone. */
        private final DynamicCustomOp maxPoolBackward = DynamicCustomOp.builder("maxpool2d_bp").build();
        private OpContext forward;
        private OpContext backward;
        private boolean inputGradient = true;
        /** Whether the layer before is a ReLU convolution that only this pooling reads ({@link LeanConv#readBy}). */
        private boolean afterRelu;
        /** The training forward pass's output while the backward pass may still read it, when {@link #afterRelu}. */
        private INDArray output;
        /** The input gradient it last returned with ReLU's derivative applied, until the convolution asks. */
        private INDArray folded;

        Pool(NeuralNetConfiguration conf, SubsamplingLayer original) {
            super(conf, DataType.FLOAT);
            helper = new MKLDNNSubsamplingHelper(DataType.FLOAT);
            setListeners(original.getListeners());
            setIndex(original.getIndex());
            setConf(conf);
        }

        /** Max pooling of channels-first float arrays in truncating mode: what libnd4j's own loops compute here. */
        private boolean plainMax() {
            org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
            return input != null && input.rank() == 4 && input.dataType() == DataType.FLOAT
                    && c.getPoolingType() == PoolingType.MAX && c.getCnn2dDataFormat() == CNN2DFormat.NCHW
                    && c.getConvolutionMode() != ConvolutionMode.Same;
        }

        /** The pooling's integer arguments: window, same mode off, the unused extra parameter, channels-first. */
        private void arguments(OpContext context) {
            org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
            int[] k = c.getKernelSize();
            int[] s = c.getStride();
            int[] p = c.getPadding();
            int[] d = c.getDilation();
            context.setIArguments(k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], 0, 0, 0);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
            if (!plainMax()) {
                return super.activate(training, workspaceMgr);
            }
            int[] k = c.getKernelSize();
            int[] s = c.getStride();
            int[] p = c.getPadding();
            int[] d = c.getDilation();
            int[] out = ConvolutionUtils.getOutputSize(input, k, s, p, c.getConvolutionMode(), d, CNN2DFormat.NCHW);
            INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                    new long[] {input.size(0), input.size(1), out[0], out[1]}, 'c');
            if (forward == null) {
                forward = Nd4j.getExecutioner().buildContext();
            }
            forward.purge();
            // Per call, not process-wide: the convolutions keep oneDNN.
            forward.allowHelpers(false);
            arguments(forward);
            forward.setInputArray(0, input);
            forward.setOutputArray(0, result);
            Nd4j.exec(new MaxPooling2D(), forward);
            output = training && afterRelu ? result : null;
            return result;
        }

        void afterRelu() {
            afterRelu = true;
        }

        /**
         * Whether {@code epsilon} is the gradient this layer returned with ReLU's derivative already
         * applied; asked once per backward pass by the convolution before it.
         */
        boolean appliedReluDerivative(INDArray epsilon) {
            boolean applied = folded != null && folded == epsilon;
            folded = null;
            return applied;
        }

        @Override
        public void needs(boolean weights, boolean input) {
            inputGradient = input;
        }

        @Override
        public void clear() {
            super.clear();
            output = null;
            folded = null;
        }

        /**
         * In a frozen prefix nothing reads the gradient: zeros, which only reach layers that do not
         * train. Otherwise max pooling's backward pass is libnd4j's own {@code maxpool2d_bp} loop,
         * not oneDNN's: oneDNN reorders both arrays into its blocked layout and back and runs the
         * forward pass again for the positions of the maxima, which made DL4J's pooling backward
         * pass 34-37% of a LeNet-5 training step (JFR, batch 60 and 128, one thread); on LeNet-5's
         * first pooling at batch 128 it took 12.1 ms against 3.6 ms for the loop. Each gradient
         * goes to the window's maximum in both, so the values are the same; where a window holds
         * equal maxima the two may pick different positions, which after ReLU are zeros whose
         * gradient ReLU's derivative discards ({@code PoolBackwardTest}: the same bits as DL4J's layer).
         */
        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            INDArray out = output;
            output = null;
            folded = null;
            if (input == null) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            if (!inputGradient) {
                return new Pair<>(new DefaultGradient(), workspaceMgr.create(ArrayType.ACTIVATION_GRAD,
                        input.dataType(), input.shape(), 'c'));
            }
            if (!plainMax() || epsilon.dataType() != DataType.FLOAT || epsilon.rank() != 4) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                    input.shape(), 'c');
            if (backward == null) {
                backward = Nd4j.getExecutioner().buildContext();
            }
            backward.purge();
            backward.allowHelpers(false);
            arguments(backward);
            // ReLU's derivative before the pooling's backward pass rather than after it: each output
            // gradient goes to its window's maximum, which is positive exactly where the pooled
            // output is, so ε·sign(pooled) then pooled backward is sign(a)·(pooled backward of ε),
            // on a quarter of the values (2x2 windows). The pooled output is overwritten: the
            // layer after it has already run its backward pass.
            boolean fold = ReluDense.readable(out) && java.util.Arrays.equals(out.shape(), epsilon.shape());
            if (fold) {
                epsilon = ReluDense.signTimes(out, epsilon);
            }
            backward.setInputArray(0, input);
            backward.setInputArray(1, epsilon);
            backward.setOutputArray(0, result);
            Nd4j.exec(maxPoolBackward, backward);
            folded = fold ? result : null;
            return new Pair<>(new DefaultGradient(), result);
        }
    }
}

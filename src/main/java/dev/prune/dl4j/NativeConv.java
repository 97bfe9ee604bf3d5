package dev.prune.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
     * Pooling whose backward pass is oneDNN's and whose max-pooling forward pass is libnd4j's own
     * {@code maxpool2d} loop. oneDNN's forward reorders the activations into its blocked layout
     * and back on every call: on LeNet-5's first pooling (6 channels of 28x28) it took about 38 ms
     * per 500 examples where the plain loop takes 8, and it was half of a forward pass. A maximum
     * is exact, so both give the same values.
     */
    static final class Pool extends SubsamplingLayer implements BackwardPlan.Partial {
        private OpContext forward;
        private boolean inputGradient = true;

        Pool(NeuralNetConfiguration conf, SubsamplingLayer original) {
            super(conf, DataType.FLOAT);
            helper = new MKLDNNSubsamplingHelper(DataType.FLOAT);
            setListeners(original.getListeners());
            setIndex(original.getIndex());
            setConf(conf);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
            if (input == null || input.rank() != 4 || input.dataType() != DataType.FLOAT
                    || c.getPoolingType() != PoolingType.MAX || c.getCnn2dDataFormat() != CNN2DFormat.NCHW
                    || c.getConvolutionMode() == ConvolutionMode.Same) {
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
            forward.setIArguments(k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], 0, 0, 0);
            forward.setInputArray(0, input);
            forward.setOutputArray(0, result);
            Nd4j.exec(new MaxPooling2D(), forward);
            return result;
        }

        @Override
        public void needs(boolean weights, boolean input) {
            inputGradient = input;
        }

        /** In a frozen prefix nothing reads the gradient: zeros, which only reach layers that do not train. */
        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (inputGradient || input == null) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            return new Pair<>(new DefaultGradient(), workspaceMgr.create(ArrayType.ACTIVATION_GRAD,
                    input.dataType(), input.shape(), 'c'));
        }
    }
}

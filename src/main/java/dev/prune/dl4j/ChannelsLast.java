package dev.prune.dl4j;

import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Convolution and max pooling in inference mode on channels-last arrays, [n, h, w, c], for the
 * statistics pass ({@link InferencePass}); training and evaluation never come here.
 *
 * <p>DL4J's layers hand oneDNN channels-first arrays, [n, c, h, w], which oneDNN reorders into its
 * blocked layout and back on every call, with the channels padded to the block (LeNet-5's 6
 * filters to 8 or 16). Given channels-last arrays it computes in place of the reorders. Measured on
 * LeNet-5 over 60,000 images in chunks of 500, one thread: the first convolution 0.83 s
 * channels-first and 0.50 s channels-last, the second 0.48 and 0.31 s, max pooling 0.28 s
 * (libnd4j's own loop, which the layer uses) and 0.05 s. The convolution gives the layer's values
 * to the bit (the same oneDNN kernel sums in the same order; {@code InferencePassTest}), and a
 * maximum is exact.
 */
final class ChannelsLast {
    /** Activations that act on each value alone, so the layout does not matter to them. */
    private static final Set<Class<? extends IActivation>> ELEMENTWISE = Set.of(ActivationReLU.class,
            ActivationIdentity.class, ActivationTanH.class, ActivationSigmoid.class, ActivationLReLU.class,
            ActivationELU.class, ActivationReLU6.class);

    private ChannelsLast() {
    }

    /** A layer's computation on channels-last input. */
    interface Op {
        INDArray apply(INDArray input);
    }

    /** The channels-last form of a layer, or null when it has none (another kind, format, mode or activation). */
    static Op of(Layer layer) {
        if (!Backend.oneDnn()) {
            return null;
        }
        if (layer instanceof ConvolutionLayer c
                && (layer.getClass() == ConvolutionLayer.class || layer.getClass() == NativeConv.Conv.class)) {
            var conf = (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) c.conf().getLayer();
            boolean fits = conf.getCnn2dDataFormat() == CNN2DFormat.NCHW
                    && conf.getConvolutionMode() != ConvolutionMode.Same
                    && ELEMENTWISE.contains(conf.getActivationFn().getClass())
                    && c.getParam("W").dataType() == DataType.FLOAT;
            return fits ? new Conv(c, conf) : null;
        }
        if (layer instanceof SubsamplingLayer s
                && (layer.getClass() == SubsamplingLayer.class || layer.getClass() == NativeConv.Pool.class)) {
            var conf = (org.deeplearning4j.nn.conf.layers.SubsamplingLayer) s.conf().getLayer();
            boolean fits = conf.getPoolingType() == PoolingType.MAX && conf.getCnn2dDataFormat() == CNN2DFormat.NCHW
                    && conf.getConvolutionMode() != ConvolutionMode.Same;
            return fits ? new Pool(conf) : null;
        }
        return null;
    }

    /** Channels-first [n, c, h, w] of a channels-last array, in a new 'c'-ordered array. */
    static INDArray toChannelsFirst(INDArray nhwc) {
        return nhwc.permute(0, 3, 1, 2).dup('c');
    }

    /**
     * The channels-last view of a channels-first array when it is free, that is with one
     * channel ('c' order, not a view): the same memory read another way. Null otherwise.
     */
    static INDArray viewOfOneChannel(INDArray nchw) {
        if (nchw.rank() != 4 || nchw.size(1) != 1) {
            return null;
        }
        long[] stride = nchw.stride();
        // Rows of the images one after another (ND4J's own default-stride test refuses a view of the data's rows).
        if (stride[3] != 1 || stride[2] != nchw.size(3) || stride[0] != nchw.size(2) * nchw.size(3)) {
            return null;
        }
        return nchw.reshape('c', nchw.size(0), nchw.size(2), nchw.size(3), 1);
    }

    /**
     * A kernel's window (size, stride, padding, dilation and mode), read once from the layer's
     * configuration: what the convolution and the pooling share.
     */
    private record Window(int[] k, int[] s, int[] p, int[] d, ConvolutionMode mode) {
        /** [n, h', w'] output height and width for channels-last input. */
        int[] outputSize(INDArray nhwc) {
            return ConvolutionUtils.getOutputSize(nhwc, k, s, p, mode, d, CNN2DFormat.NHWC);
        }

        /** The op's integer arguments: the window, then the op's own {@code tail}. */
        void arguments(OpContext context, long... tail) {
            long[] args = new long[8 + tail.length];
            long[] window = {k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1]};
            System.arraycopy(window, 0, args, 0, 8);
            System.arraycopy(tail, 0, args, 8, tail.length);
            context.setIArguments(args);
        }
    }

    private static final class Conv implements Op {
        private final ConvolutionLayer layer;
        private final org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf;
        private final Window window;
        private final OpContext context = Nd4j.getExecutioner().buildContext();

        Conv(ConvolutionLayer layer, org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf) {
            this.layer = layer;
            this.conf = conf;
            this.window = new Window(conf.getKernelSize(), conf.getStride(), conf.getPadding(), conf.getDilation(),
                    conf.getConvolutionMode());
        }

        @Override
        public INDArray apply(INDArray input) {
            INDArray w = layer.getParam("W");
            int[] out = window.outputSize(input);
            INDArray result = Nd4j.createUninitialized(DataType.FLOAT, input.size(0), out[0], out[1], w.size(0));
            context.purge();
            // The tail: same padding off, channels-last data, and W as [kH, kW, in, out], the view
            // below of DL4J's [out, in, kH, kW].
            window.arguments(context, 0, 1, 0);
            context.setInputArray(0, input);
            context.setInputArray(1, w.permute(2, 3, 1, 0));
            if (conf.hasBias()) {
                INDArray b = layer.getParam("b");
                context.setInputArray(2, b.reshape(b.length()));
            }
            context.setOutputArray(0, result);
            Nd4j.exec(new Conv2D(), context);
            return conf.getActivationFn().getActivation(result, false);
        }
    }

    private static final class Pool implements Op {
        private final Window window;
        private final OpContext context = Nd4j.getExecutioner().buildContext();

        Pool(org.deeplearning4j.nn.conf.layers.SubsamplingLayer conf) {
            this.window = new Window(conf.getKernelSize(), conf.getStride(), conf.getPadding(), conf.getDilation(),
                    conf.getConvolutionMode());
        }

        @Override
        public INDArray apply(INDArray input) {
            int[] out = window.outputSize(input);
            INDArray result = Nd4j.createUninitialized(DataType.FLOAT, input.size(0), out[0], out[1], input.size(3));
            context.purge();
            // The tail: same padding off, the extra parameter (unused by max pooling), channels-last data.
            window.arguments(context, 0, 0, 1);
            context.setInputArray(0, input);
            context.setOutputArray(0, result);
            Nd4j.exec(new MaxPooling2D(), context);
            return result;
        }
    }
}

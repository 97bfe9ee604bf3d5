package dev.prune.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's convolution layer with a training step that does no work nobody reads.
 *
 * <p>DL4J 1.0.0-M2.1's {@code ConvolutionLayer.backpropGradient} runs the forward convolution a
 * second time, because the forward pass applied the activation to the pre-activation z in place.
 * Here the backward pass keeps what the forward pass made instead: for ReLU its output, whose
 * positive entries are exactly z's (so the derivative, and every gradient after it, is the same
 * to the bit, as in {@link ReluDense}); for the identity (a convolution followed by a batch norm)
 * nothing, since the derivative is 1. The gradients then come from the same native
 * {@code conv2d_bp} call with the same arguments as DL4J's helper path, so they are its bits.
 *
 * <p>The engine also tells the layer what of its gradients anyone reads ({@link #needs}). When the
 * layer and every layer before it are frozen, nothing: it returns zeros for its input's gradient
 * without computing anything, and they only flow into layers that do not train. Other frozen
 * layers still run {@code conv2d_bp}, weight gradient included: libnd4j has no op for the input's
 * gradient alone with the same bits ({@code deconv2d} gives them for LeNet-5's 5x5 kernels but
 * not for 3x3 ones), and freezing must not change the layers that train. For the same reason the
 * first trained layer after a frozen prefix keeps {@code conv2d_bp}; only a layer that reads the
 * data computes its weight gradient alone.
 *
 * <p>Anything else (other activations, dropout, weight noise, 'same' mode, NHWC, evaluation mode)
 * takes DL4J's own path.
 */
class LeanConv extends ConvolutionLayer implements BackwardPlan.Partial {
    private final boolean readsData;
    private boolean weightGradient = true;
    private boolean inputGradient = true;
    /** What the training forward pass produced, while the backward pass may still read it. */
    private INDArray output;
    private OpContext weightContext;
    /** The max pooling that alone reads this layer's output and applies ReLU's derivative for it, or null. */
    private NativeConv.Pool reader;

    /**
     * @param readsData the layer's input is the network's data, whose gradient nobody reads
     */
    LeanConv(NeuralNetConfiguration conf, DataType dataType, boolean readsData) {
        super(conf, dataType);
        this.readsData = readsData;
    }

    /**
     * What the coming training steps read of this layer's gradients: its weights' (false when it
     * is frozen), the gradient of its input (false when no layer before it trains).
     */
    @Override
    public void needs(boolean weights, boolean input) {
        weightGradient = weights;
        inputGradient = input;
    }

    private boolean needsInputGradient() {
        return inputGradient && !readsData;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = super.activate(training, workspaceMgr);
        output = training && lean() ? out : null;
        return out;
    }

    /** Whether the backward pass can work from what the forward pass kept. */
    private boolean lean() {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        IActivation f = c.getActivationFn();
        return helper != null && (ReluDense.plainRelu(f) || f instanceof ActivationIdentity) && c.getIDropout() == null
                && c.getWeightNoise() == null && c.getConvolutionMode() != ConvolutionMode.Same
                && c.getCnn2dDataFormat() == CNN2DFormat.NCHW && maskArray == null;
    }

    /** Whether the activation is plain ReLU (no cap, threshold or slope). */
    boolean plainRelu() {
        return ReluDense.plainRelu(layerConf().getActivationFn());
    }

    /**
     * Makes {@code pool}, the one layer that reads this ReLU layer's output, apply ReLU's
     * derivative to its gradient before its own backward pass, on a quarter of the values
     * ({@link NativeConv.Pool}); this layer then takes the gradient as δ. When the gradient comes
     * from elsewhere (the pooling fell back to DL4J's path, or another layer took its place) the
     * derivative is applied here as before.
     */
    void readBy(NativeConv.Pool pool) {
        reader = pool;
        pool.afterRelu();
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray a = output;
        output = null;
        boolean applied = reader != null && reader.appliedReluDerivative(epsilon);
        // The output must be this pass's: made in training mode and still in its workspace.
        if (!ReluDense.readable(a) || !lean() || a.size(0) != epsilon.size(0)
                || input == null || input.dataType() != a.dataType()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        if (!weightGradient && !needsInputGradient()) {
            return new Pair<>(new DefaultGradient(), workspaceMgr.create(ArrayType.ACTIVATION_GRAD,
                    input.dataType(), input.shape(), 'c'));
        }
        assertInputSet(true);
        IActivation f = layerConf().getActivationFn();
        INDArray delta = f instanceof ActivationIdentity || applied ? epsilon : reluDerivative(a, epsilon);
        if (readsData && weightGradient && unitStride()) {
            return weightsAlone(delta, workspaceMgr);
        }
        return helperBackprop(delta, workspaceMgr);
    }

    /**
     * ε times ReLU's derivative, read from the output a. DL4J's {@code ActivationReLU.backprop} is
     * libnd4j's {@code relu_bp}, a custom op that took 7.6-8% of a LeNet-5 training step (JFR, batch
     * 60 and 128); sign(a), which is 1 or 0, times ε is two plain element-wise calls. The values are
     * relu_bp's except that 0·ε is -0 where ε < 0, where relu_bp writes +0; every sum that reads δ
     * (the convolution's gradients, the bias gradient) starts from +0, to which -0 adds nothing, so
     * the gradients keep their bits ({@code LeanConvTest}). The output is overwritten with its sign:
     * the backward pass runs after every layer that read it.
     */
    protected INDArray reluDerivative(INDArray a, INDArray epsilon) {
        return ReluDense.signTimes(a, epsilon);
    }

    private boolean unitStride() {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        return java.util.Arrays.equals(c.getStride(), new int[] {1, 1})
                && java.util.Arrays.equals(c.getDilation(), new int[] {1, 1});
    }

    /**
     * The weight gradient alone, for a layer that reads the data. {@code conv2d_bp} always computes
     * the input's gradient too, and on one input channel oneDNN's backward-data pass is most of the
     * call (about 15 of 20 ms for LeNet-5's first layer at batch 128). For stride 1 the weight
     * gradient is itself a convolution: dW[o, i, p, q] = sum over examples b and positions (y, x) of
     * delta[b, o, y, x] x[b, i, y + p, x + q], which is {@code conv2d} of the input seen as [i, b, H, W]
     * with delta seen as weights [o, b, outH, outW], padded as the layer is: one native call, a
     * quarter of the time. It sums in another order than {@code conv2d_bp}, so the weights
     * differ from that path's in the last bits; the bias gradient is the same sum as before.
     */
    private Pair<Gradient, INDArray> weightsAlone(INDArray delta, LayerWorkspaceMgr workspaceMgr) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        if (weightContext == null) {
            weightContext = Nd4j.getExecutioner().buildContext();
        }
        int[] pad = c.getPadding();
        weightContext.purge();
        weightContext.setIArguments(delta.size(2), delta.size(3), 1, 1, pad[0], pad[1], 1, 1, 0, 0);
        weightContext.setInputArray(0, input.permute(1, 0, 2, 3));
        weightContext.setInputArray(1, delta.permute(2, 3, 0, 1));
        weightContext.setOutputArray(0, weightGrad.permute(1, 0, 2, 3));
        Nd4j.exec(new Conv2D(), weightContext);
        Gradient g = new DefaultGradient();
        if (hasBias()) {
            INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
            delta.sum(biasGrad.reshape(biasGrad.length()), 0, 2, 3);
            g.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
        }
        g.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad);
        return new Pair<>(g, workspaceMgr.create(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c'));
    }

    /** DL4J's helper path from the delta on, with the same arguments, so the same bits. */
    private Pair<Gradient, INDArray> helperBackprop(INDArray delta, LayerWorkspaceMgr workspaceMgr) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        INDArray weights = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray bias = hasBias() ? getParam(ConvolutionParamInitializer.BIAS_KEY) : null;
        INDArray biasGrad = hasBias() ? gradientViews.get(ConvolutionParamInitializer.BIAS_KEY) : null;
        INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        Pair<Gradient, INDArray> ret = helper.backpropGradient(input, weights, bias, delta, c.getKernelSize(),
                c.getStride(), c.getPadding(), biasGrad, weightGrad, c.getActivationFn(), c.getCudnnAlgoMode(),
                c.getCudnnBwdFilterAlgo(), c.getCudnnBwdDataAlgo(), c.getConvolutionMode(), c.getDilation(),
                c.getCnn2dDataFormat(), workspaceMgr);
        return ret;
    }

    @Override
    public void clear() {
        super.clear();
        output = null;
    }
}

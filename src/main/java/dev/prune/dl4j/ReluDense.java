package dev.prune.dl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's dense layer with a backward pass that does not redo work, for plain ReLU layers.
 *
 * <p>DL4J 1.0.0-M2.1's {@code BaseLayer.backpropGradient} computes the pre-activation z = xW + b a
 * second time (the forward pass applied ReLU to z in place, so z is gone), and it computes the
 * gradient with respect to the layer's input even for the first layer, whose input is the data.
 * For LeNet-300-100 that is two extra 784x300 matrix products per iteration next to the two that
 * are needed: about 40% of an epoch. Here the backward pass reads the layer's own output instead:
 * ReLU's derivative at z is 1 where z > 0 and 0 elsewhere, and relu(z) > 0 exactly where z > 0,
 * so the derivative, and with it every gradient, is the same to the bit. The first layer leaves
 * out the input gradient, which nothing reads.
 *
 * <p>Anything else that touches the forward values (dropout, weight noise, layer normalization,
 * masks, other activations) takes DL4J's own path.
 */
final class ReluDense extends DenseLayer {
    private final boolean first;
    private INDArray output;

    private ReluDense(NeuralNetConfiguration conf, DenseLayer original, boolean first) {
        super(conf, original.getParam(DefaultParamInitializer.WEIGHT_KEY).dataType());
        this.first = first;
        LayerSwap.adopt(this, original);
    }

    /** Puts this layer in place of every plain ReLU dense layer of a graph that was just initialized. */
    static void install(ComputationGraph net) {
        LayerSwap.replace(net, vertex -> {
            Layer layer = vertex.getLayer();
            if (layer.getClass() != DenseLayer.class || !plainRelu((DenseLayer) layer)) {
                return null;
            }
            boolean first = NativeConv.readsData(net, vertex);
            // A preprocessor before the first layer would need the input gradient DL4J's path gives.
            if (vertex.getLayerPreProcessor() != null && first) {
                return null;
            }
            return new ReluDense(layer.conf(), (DenseLayer) layer, first);
        });
    }

    /**
     * Whether an activation is plain ReLU, with no cap, threshold or slope: then relu(z) > 0 exactly
     * where z > 0, and ReLU's derivative can be read from the output. Every layer of this package
     * that reads it so asks here.
     */
    static boolean plainRelu(IActivation fn) {
        return fn instanceof ActivationReLU relu
                && relu.getMax() == null && relu.getThreshold() == null && relu.getNegativeSlope() == null;
    }

    /**
     * Whether an output kept from the training forward pass can still be read by the backward
     * pass: made, and not in a workspace that has been closed since.
     */
    static boolean readable(INDArray kept) {
        return kept != null && (!kept.isAttached() || kept.isInScope());
    }

    /**
     * ε times ReLU's derivative read from the output a, in a: sign(a), 1 or +0, times ε, two plain
     * element-wise calls where DL4J's {@code relu_bp} is a custom op. 0·ε is −0 where ε < 0 and
     * relu_bp writes +0; a caller whose result is summed from +0 keeps relu_bp's bits.
     */
    static INDArray signTimes(INDArray a, INDArray epsilon) {
        Nd4j.getExecutioner().exec(new Sign(a, a));
        return a.muli(epsilon);
    }

    private static boolean plainRelu(DenseLayer layer) {
        org.deeplearning4j.nn.conf.layers.DenseLayer conf =
                (org.deeplearning4j.nn.conf.layers.DenseLayer) layer.conf().getLayer();
        return plainRelu(conf.getActivationFn())
                && conf.getIDropout() == null && conf.getWeightNoise() == null && !conf.hasLayerNorm()
                && conf.hasBias();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = super.activate(training, workspaceMgr);
        output = training && maskArray == null ? out : null;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray a = output;
        output = null;
        // The output must be this pass's: made in training mode and still in its workspace.
        if (!readable(a) || maskArray != null || a.size(0) != epsilon.size(0)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray delta = layerConf().getActivationFn().backprop(a, epsilon).getFirst();
        Gradient ret = new DefaultGradient();
        INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        delta.sum(biasGrad, 0);
        ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);

        INDArray epsilonNext = null;
        if (!first) {
            INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
            epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[] {w.size(0), delta.size(0)}, 'f');
            epsilonNext = w.mmuli(delta.transpose(), epsilonNext).transpose();
        }
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false, 1.0, 0.0);
        ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        return new Pair<>(ret, epsilonNext);
    }

    @Override
    public void clear() {
        super.clear();
        output = null;
    }
}

package dev.prune.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's activation layer with a backward pass that reads ReLU's derivative from the layer's own
 * output, for plain ReLU (the activation after each batch norm in ResNet and VGG).
 *
 * <p>DL4J 1.0.0-M2.1's {@code ActivationLayer.backpropGradient} copies the layer's input and runs
 * libnd4j's {@code relu_bp} custom op on it into a third array; the backward pass took five times
 * the forward one in a ResNet-20 step. Here the output, whose positive entries are exactly the
 * input's (relu(z) > 0 exactly where z > 0), is overwritten with its sign, 1 or +0, and multiplied
 * by the output's gradient into the input's gradient: two plain element-wise calls and no copy.
 * Where the sign is +0 and the gradient negative the product is -0 where {@code relu_bp} writes
 * +0; adding +0 turns -0 into +0 and leaves every other value as it is, so the input's gradient
 * is {@code relu_bp}'s to the bit ({@code ReluActivationTest}). The output may be overwritten:
 * the backward pass runs after every layer that read it.
 *
 * <p>Masks, dropout and other activations take DL4J's own path.
 */
final class ReluActivation extends ActivationLayer {
    /** What the training forward pass produced, while the backward pass may still read it. */
    private INDArray output;

    ReluActivation(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Puts this layer in place of every plain ReLU activation layer of a graph that was just initialized; CPU only. */
    static void install(ComputationGraph net) {
        if (!Backend.cpu()) {
            return;
        }
        LayerSwap.replace(net, vertex -> {
            Layer layer = vertex.getLayer();
            if (layer.getClass() != ActivationLayer.class || !plainRelu(layer)) {
                return null;
            }
            ReluActivation relu = new ReluActivation(layer.conf(), net.getConfiguration().getDataType());
            relu.setListeners(layer.getListeners());
            relu.setIndex(layer.getIndex());
            return relu;
        });
    }

    private static boolean plainRelu(Layer layer) {
        org.deeplearning4j.nn.conf.layers.ActivationLayer conf =
                (org.deeplearning4j.nn.conf.layers.ActivationLayer) layer.conf().getLayer();
        return ReluDense.plainRelu(conf.getActivationFn()) && conf.getIDropout() == null;
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
        if (!ReluDense.readable(a) || maskArray != null || !a.equalShapes(epsilon)
                || a.dataType() != epsilon.dataType() || input == null || !input.equalShapes(a)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray delta = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, a.dataType(), a.shape(),
                input.ordering());
        Nd4j.getExecutioner().exec(new Sign(a, a));
        Nd4j.getExecutioner().exec(new MulOp(a, epsilon, delta));
        delta.addi(0.0);
        return new Pair<>(new DefaultGradient(), delta);
    }

    @Override
    public void clear() {
        super.clear();
        output = null;
    }
}

package dev.prune.dl4j;

import dev.prune.engine.EngineException;
import dev.prune.engine.LayerKind;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Translates a {@link NetworkSpec} into a DL4J configuration. The spec lists only layers with
 * weights; a conv layer with {@code poolAfter > 0} becomes two DL4J layers, so the result also
 * says where each spec layer landed.
 *
 * <p>Choices worth knowing when comparing with other frameworks:
 * <ul>
 *   <li>Weights start from DL4J's XAVIER: Gaussian, mean 0, variance 2 / (fanIn + fanOut); biases 0.
 *       (PyTorch's default is a uniform Kaiming variant, so initial accuracies differ.)</li>
 *   <li>Weight decay is L2 on weights only, added to the gradient before the optimizer, which is
 *       what PyTorch's {@code weight_decay} does for SGD and Adam; biases are not decayed. The
 *       training loss DL4J reports includes the penalty 0.5 * decay * ||W||^2.</li>
 *   <li>SGD with momentum is Nesterov momentum (DL4J has no heavy-ball momentum).</li>
 *   <li>Convolutions have stride 1 and the spec's zero padding; pooling is max pooling with
 *       window and stride {@code poolAfter}, dropping a ragged edge.</li>
 * </ul>
 */
final class NetworkBuilder {

    /** The configuration, the schedule the engine drives, and each spec layer's DL4J index. */
    record Built(MultiLayerConfiguration configuration, DrivenSchedule schedule, int[] dl4jIndex) {}

    private NetworkBuilder() {
    }

    static Built build(NetworkSpec spec, OptimizerSpec optimizer, long seed) {
        validate(spec);
        DrivenSchedule schedule = new DrivenSchedule(0.0);
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(updater(optimizer, schedule))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        if (optimizer.weightDecay() > 0) {
            base.l2(optimizer.weightDecay());
        }
        NeuralNetConfiguration.ListBuilder list = base.list();
        List<LayerSpec> layers = spec.layers();
        int[] index = new int[layers.size()];
        int next = 0;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            index[i] = next;
            switch (l.kind()) {
                case DENSE -> list.layer(next++, new DenseLayer.Builder().name(l.name())
                        .nIn(l.nIn()).nOut(l.nOut()).activation(activation(l)).build());
                case OUTPUT -> list.layer(next++, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name(l.name()).nIn(l.nIn()).nOut(l.nOut()).activation(Activation.SOFTMAX).build());
                case CONV -> {
                    list.layer(next++, new ConvolutionLayer.Builder(l.kernel(), l.kernel()).name(l.name())
                            .nIn(l.nIn()).nOut(l.nOut()).stride(1, 1).padding(l.padding(), l.padding())
                            .activation(activation(l)).build());
                    if (l.poolAfter() > 0) {
                        list.layer(next++, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                                .name(l.name() + "_pool").kernelSize(l.poolAfter(), l.poolAfter())
                                .stride(l.poolAfter(), l.poolAfter()).build());
                    }
                }
                default -> throw new EngineException("layer kind " + l.kind() + " is not supported by the DL4J engine");
            }
        }
        list.setInputType(layers.get(0).kind() == LayerKind.CONV
                ? InputType.convolutionalFlat(spec.height(), spec.width(), spec.channels())
                : InputType.feedForward(spec.inputSize()));
        return new Built(list.build(), schedule, index);
    }

    private static IUpdater updater(OptimizerSpec o, DrivenSchedule schedule) {
        if (o.kind() == OptimizerSpec.Kind.ADAM) {
            return Adam.builder().learningRateSchedule(schedule).beta1(o.beta1()).beta2(o.beta2())
                    .epsilon(o.epsilon()).build();
        }
        return o.momentum() > 0 ? new Nesterovs(schedule, o.momentum()) : new Sgd(schedule);
    }

    private static Activation activation(LayerSpec l) {
        return switch (l.activation().toLowerCase(Locale.ROOT)) {
            case "relu" -> Activation.RELU;
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            case "identity", "linear" -> Activation.IDENTITY;
            default -> throw new EngineException("layer '" + l.name() + "' has activation '" + l.activation()
                    + "', expected relu, tanh, sigmoid or identity");
        };
    }

    /**
     * Follows the shapes through the layers so that a wrong spec fails with a sentence naming the
     * layer, instead of a DL4J stack trace from deep inside {@code init()}.
     */
    static void validate(NetworkSpec spec) {
        List<LayerSpec> layers = spec.layers();
        if (layers.isEmpty() || layers.get(layers.size() - 1).kind() != LayerKind.OUTPUT) {
            throw new EngineException("network '" + spec.name() + "' must end with an output layer");
        }
        int channels = spec.channels();
        int height = spec.height();
        int width = spec.width();
        boolean flat = false;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            if (l.kind() == LayerKind.OUTPUT && i != layers.size() - 1) {
                throw new EngineException("output layer '" + l.name() + "' must be the last layer");
            }
            if (l.nOut() <= 0) {
                throw new EngineException("layer '" + l.name() + "' has " + l.nOut() + " outputs");
            }
            if (l.kind() == LayerKind.CONV) {
                if (flat) {
                    throw new EngineException("conv layer '" + l.name() + "' follows a dense layer");
                }
                expect(l, l.nIn(), channels, "input channels");
                height = height + 2 * l.padding() - l.kernel() + 1;
                width = width + 2 * l.padding() - l.kernel() + 1;
                if (l.kernel() <= 0 || height <= 0 || width <= 0) {
                    throw new EngineException("conv layer '" + l.name() + "' has a kernel of " + l.kernel()
                            + " that does not fit its input");
                }
                if (l.poolAfter() > 0) {
                    height /= l.poolAfter();
                    width /= l.poolAfter();
                    if (height == 0 || width == 0) {
                        throw new EngineException("pooling of " + l.poolAfter() + " after conv layer '"
                                + l.name() + "' leaves no output");
                    }
                }
                channels = l.nOut();
            } else {
                expect(l, l.nIn(), flat ? channels : channels * height * width, "inputs");
                flat = true;
                channels = l.nOut();
                height = 1;
                width = 1;
            }
        }
    }

    private static void expect(LayerSpec l, int declared, int actual, String what) {
        if (declared != actual) {
            throw new EngineException("layer '" + l.name() + "' expects " + declared + " " + what
                    + " but receives " + actual);
        }
    }
}

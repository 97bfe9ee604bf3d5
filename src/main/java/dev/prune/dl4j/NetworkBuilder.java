package dev.prune.dl4j;

import dev.prune.engine.EngineException;
import dev.prune.engine.LayerKind;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Node;
import dev.prune.engine.NodeKind;
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
     * The graph's shapes were checked when the spec was made; this engine builds the sequential
     * form (weight layers, each conv optionally followed by its max pooling), and names the first
     * node it cannot build instead of failing inside DL4J.
     */
    static void validate(NetworkSpec spec) {
        for (Node node : spec.nodes()) {
            boolean poolOfConv = node.kind() == NodeKind.MAX_POOL && spec.indexOf(node.input())
                    .map(l -> spec.layers().get(l).poolAfter() > 0).orElse(false);
            if (!node.kind().weighted() && !poolOfConv || node.kind() == NodeKind.CONV
                    && (node.stride() != 1 || node.groups() != 1 || !node.bias())) {
                throw new EngineException("the DL4J engine cannot build the " + node.kind().word() + " '"
                        + node.name() + "' of network '" + spec.name() + "' yet");
            }
        }
    }
}

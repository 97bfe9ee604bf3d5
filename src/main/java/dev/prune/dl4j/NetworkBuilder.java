package dev.prune.dl4j;

import dev.prune.engine.EngineException;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Node;
import dev.prune.engine.NodeKind;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Translates a {@link NetworkSpec} graph into a DL4J {@link ComputationGraphConfiguration}: one
 * vertex per node, named as the node, reading the node's inputs; the network input is the vertex
 * {@value NetworkSpec#INPUT}, fed flat and reshaped by DL4J where a convolution reads it.
 *
 * <p>Choices worth knowing when comparing with other frameworks:
 * <ul>
 *   <li>Weights start from DL4J's XAVIER (Gaussian, mean 0, variance 2 / (fanIn + fanOut)) for the
 *       LeNets and MLPs, and from its RELU (He et al.'s Gaussian, variance 2 / fanIn, PyTorch's
 *       {@code kaiming_normal_}) for the CIFAR ResNet and VGG, as their papers' code does; biases 0. (PyTorch's default is a uniform Kaiming variant.) Layers draw
 *       in node order, which for a chain of layers is the order a {@code MultiLayerNetwork} drew.</li>
 *   <li>Weight decay is L2 on weights only, added to the gradient before the optimizer, which is
 *       what PyTorch's {@code weight_decay} does for SGD and Adam; biases are not decayed. The
 *       training loss DL4J reports includes the penalty 0.5 * decay * ||W||^2.</li>
 *   <li>SGD with momentum is Nesterov momentum (DL4J has no heavy-ball momentum).</li>
 *   <li>A kept node (a layer of a user's model file that Prune cannot prune) is the file's own
 *       DL4J layer, wrapped in {@code FrozenLayerWithBackprop}: gradients flow through it to the
 *       layers before, its parameters never change, and it runs as in evaluation mode.</li>
 *   <li>Convolution and pooling use DL4J's truncating mode with the node's padding, dropping a
 *       ragged edge. An option-A shortcut is a 1x1 max pooling with the stride, joined by
 *       channels with a copy scaled by 0 (the zero half).</li>
 * </ul>
 */
final class NetworkBuilder {

    /** The configuration and the schedule the engine drives. */
    record Built(ComputationGraphConfiguration configuration, DrivenSchedule schedule) {}

    private NetworkBuilder() {
    }

    static Built build(NetworkSpec spec, OptimizerSpec optimizer, long seed) {
        DrivenSchedule schedule = new DrivenSchedule(0.0);
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(spec.init() == dev.prune.engine.WeightInit.HE ? WeightInit.RELU : WeightInit.XAVIER)
                .updater(updater(optimizer, schedule))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        if (optimizer.weightDecay() > 0) {
            base.l2(optimizer.weightDecay());
        }
        ComputationGraphConfiguration.GraphBuilder g = base.graphBuilder().addInputs(NetworkSpec.INPUT);
        for (Node n : spec.nodes()) {
            add(g, spec, n);
        }
        g.setOutputs(spec.nodes().get(spec.nodes().size() - 1).name());
        g.setInputTypes(spec.nodes().get(0).kind() == NodeKind.DENSE || spec.nodes().get(0).kind() == NodeKind.OUTPUT
                ? InputType.feedForward(spec.inputSize())
                : InputType.convolutionalFlat(spec.height(), spec.width(), spec.channels()));
        return new Built(g.build(), schedule);
    }

    private static void add(ComputationGraphConfiguration.GraphBuilder g, NetworkSpec spec, Node n) {
        String name = n.name();
        String[] in = n.inputs().toArray(new String[0]);
        Shape input = spec.shape(n.input());
        switch (n.kind()) {
            case DENSE -> g.addLayer(name, new DenseLayer.Builder().nIn(input.size()).nOut(n.units())
                    .hasBias(n.bias()).activation(activation(n)).build(), in);
            case OUTPUT -> g.addLayer(name, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nIn(input.size()).nOut(n.units()).hasBias(n.bias()).activation(Activation.SOFTMAX).build(), in);
            case CONV -> {
                if (n.groups() == input.channels() && n.units() == input.channels()) {
                    g.addLayer(name, new DepthwiseConvolution2D.Builder(n.kernel(), n.kernel()).nIn(input.channels())
                            .depthMultiplier(1).nOut(n.units()).stride(n.stride(), n.stride())
                            .padding(n.padding(), n.padding()).hasBias(n.bias()).activation(activation(n)).build(), in);
                    return;
                }
                if (n.groups() != 1) {
                    throw new EngineException("the DL4J engine builds plain and depthwise convs, not the conv '" + name
                            + "' of " + n.groups() + " groups");
                }
                g.addLayer(name, new ConvolutionLayer.Builder(n.kernel(), n.kernel()).nIn(input.channels())
                        .nOut(n.units()).stride(n.stride(), n.stride()).padding(n.padding(), n.padding())
                        .hasBias(n.bias()).activation(activation(n)).build(), in);
            }
            case BATCH_NORM -> g.addLayer(name, new BatchNormalization.Builder().nOut(input.channels()).build(), in);
            case ACTIVATION -> g.addLayer(name, new ActivationLayer.Builder().activation(activation(n)).build(), in);
            case MAX_POOL, AVG_POOL -> g.addLayer(name, new SubsamplingLayer.Builder(n.kind() == NodeKind.MAX_POOL
                    ? SubsamplingLayer.PoolingType.MAX : SubsamplingLayer.PoolingType.AVG)
                    .kernelSize(n.kernel(), n.kernel()).stride(n.stride(), n.stride())
                    .padding(n.padding(), n.padding()).build(), in);
            case GLOBAL_AVG_POOL -> g.addLayer(name, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), in);
            case FLATTEN -> g.addVertex(name, input.flat() ? new ScaleVertex(1.0) : new PreprocessorVertex(
                    new CnnToFeedForwardPreProcessor(input.height(), input.width(), input.channels())), in);
            case KEPT -> g.addLayer(name, new FrozenLayerWithBackprop(KeptLayer.read(n)), in);
            case DROPOUT -> g.addLayer(name, new DropoutLayer.Builder(1.0 - n.rate()).build(), in);
            case ADD -> g.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), in);
            case ZERO_PAD -> zeroPad(g, n, input);
        }
    }

    /**
     * Option A: subsample with a 1x1 max pooling, then append channels scaled by 0 up to the
     * node's width: a copy of the input's channels for each whole multiple (the builtin ResNets
     * double), the first channels of one for the rest (a compacted network pads its kept channels
     * to the kept width of the stream it joins).
     */
    private static void zeroPad(ComputationGraphConfiguration.GraphBuilder g, Node n, Shape input) {
        String sub = n.name() + "_sub";
        g.addLayer(sub, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(1, 1)
                .stride(n.stride(), n.stride()).build(), n.input());
        int zeros = n.units() - input.channels();
        if (zeros == 0) {
            g.addVertex(n.name(), new ScaleVertex(1.0), sub);
            return;
        }
        List<String> parts = new ArrayList<>(List.of(sub));
        for (int k = 0; k < zeros / input.channels(); k++) {
            // One vertex per copy: a merge reads each of its inputs once.
            String zero = n.name() + "_zero" + (k == 0 ? "" : Integer.toString(k));
            g.addVertex(zero, new ScaleVertex(0.0), sub);
            parts.add(zero);
        }
        int rest = zeros % input.channels();
        if (rest > 0) {
            g.addVertex(n.name() + "_part", new SubsetVertex(0, rest - 1), sub);
            g.addVertex(n.name() + "_partzero", new ScaleVertex(0.0), n.name() + "_part");
            parts.add(n.name() + "_partzero");
        }
        g.addVertex(n.name(), new MergeVertex(), parts.toArray(new String[0]));
    }

    private static IUpdater updater(OptimizerSpec o, DrivenSchedule schedule) {
        if (o.kind() == OptimizerSpec.Kind.ADAM) {
            return Adam.builder().learningRateSchedule(schedule).beta1(o.beta1()).beta2(o.beta2())
                    .epsilon(o.epsilon()).build();
        }
        return o.momentum() > 0 ? new Nesterovs(schedule, o.momentum()) : new Sgd(schedule);
    }

    private static Activation activation(Node n) {
        return switch (n.activation().toLowerCase(Locale.ROOT)) {
            case "relu" -> Activation.RELU;
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            case "identity", "linear", "" -> Activation.IDENTITY;
            default -> throw new EngineException("layer '" + n.name() + "' has activation '" + n.activation()
                    + "', expected relu, tanh, sigmoid or identity");
        };
    }
}

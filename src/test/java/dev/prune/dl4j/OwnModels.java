package dev.prune.dl4j;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Networks written the way a user's own DL4J code writes them (builders, {@code ModelSerializer}),
 * on 1x28x28 inputs and 10 classes, for the tests of {@code model "file.zip"}.
 */
public final class OwnModels {
    private OwnModels() {}

    /** A MultiLayerNetwork: conv, max pooling, batch norm, dense, dropout, NLL output; layers unnamed. */
    public static MultiLayerNetwork layerList(Path file) throws IOException {
        return layerList(file, 28);
    }

    /** The same on {@code side}x{@code side} images. */
    public static MultiLayerNetwork layerList(Path file, int side) throws IOException {
        MultiLayerConfiguration c = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(1e-3)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).padding(1, 1).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
                .layer(new DropoutLayer.Builder(0.8).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(side, side, 1)).build();
        MultiLayerNetwork n = new MultiLayerNetwork(c);
        n.init();
        ModelSerializer.writeModel(n, file.toFile(), true);
        return n;
    }

    /**
     * A ComputationGraph with a residual block: conv without bias, batch norm, ReLU, conv, add,
     * average pooling, global average pooling, output; its input named {@code pixels}.
     */
    public static ComputationGraph residual(Path file) throws IOException {
        ComputationGraphConfiguration c = new NeuralNetConfiguration.Builder().seed(7).graphBuilder()
                .addInputs("pixels")
                .addLayer("stem", new ConvolutionLayer.Builder(3, 3).nOut(4).padding(1, 1).hasBias(false)
                        .activation(Activation.IDENTITY).build(), "pixels")
                .addLayer("stem_bn", new BatchNormalization.Builder().build(), "stem")
                .addLayer("stem_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "stem_bn")
                .addLayer("block_conv", new ConvolutionLayer.Builder(3, 3).nOut(4).padding(1, 1)
                        .activation(Activation.IDENTITY).build(), "stem_relu")
                .addVertex("block_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "block_conv", "stem_relu")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(2, 2)
                        .stride(2, 2).build(), "block_add")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "pool")
                .addLayer("dense", new DenseLayer.Builder().nOut(12).activation(Activation.TANH).build(), "gap")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").setInputTypes(InputType.convolutionalFlat(28, 28, 1)).build();
        ComputationGraph g = new ComputationGraph(c);
        g.init();
        ModelSerializer.writeModel(g, file.toFile(), false);
        return g;
    }

    /**
     * A MultiLayerNetwork with layers Prune can run but not prune, between layers it prunes: conv
     * (ReLU), a leaky-ReLU activation layer, a dilated conv, max pooling, a dense layer with
     * leaky ReLU (after DL4J's own flattening), a dense ReLU layer and the output. Kept: layer1,
     * layer2 and layer4; prunable: layer0, layer5 and layer6.
     */
    public static MultiLayerNetwork withKeptLayers(Path file) throws IOException {
        MultiLayerConfiguration c = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(1e-3)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).padding(1, 1).activation(Activation.RELU).build())
                .layer(new ActivationLayer.Builder().activation(Activation.LEAKYRELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).dilation(2, 2).padding(2, 2)
                        .activation(Activation.IDENTITY).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.LEAKYRELU).build())
                .layer(new DenseLayer.Builder().nOut(12).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1)).build();
        MultiLayerNetwork n = new MultiLayerNetwork(c);
        n.init();
        ModelSerializer.writeModel(n, file.toFile(), true);
        return n;
    }

    /** An LSTM classifier: a layer Prune cannot run. */
    public static void lstm(Path file) throws IOException {
        MultiLayerConfiguration c = new NeuralNetConfiguration.Builder().seed(7).list()
                .layer(new LSTM.Builder().nIn(28).nOut(8).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(c);
        n.init();
        ModelSerializer.writeModel(n, file.toFile(), false);
    }

    /** A regression head (identity and mean squared error): an output Prune cannot train. */
    public static void regression(Path file) throws IOException {
        MultiLayerConfiguration c = new NeuralNetConfiguration.Builder().seed(7).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(10)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(c);
        n.init();
        ModelSerializer.writeModel(n, file.toFile(), false);
    }
}

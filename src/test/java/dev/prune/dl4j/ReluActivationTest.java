package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.DataShape;
import dev.prune.builtins.GraphModels;
import dev.prune.data.DataSplit;
import dev.prune.data.Shapes;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import java.util.Arrays;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The ReLU activation layer that reads its own output gives DL4J's activation layer's bits. */
@Tag("slow")
class ReluActivationTest {

    /** 12x12 images, so that a ResNet-8 step stays small. */
    private static final DataSplit TINY = Shapes.generate(200, 50, 0, 12, 1);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("sgd", Fixtures.sgd(), 0.05),
                Arguments.of("nesterov", Fixtures.nesterov(), 0.05),
                Arguments.of("adam", Fixtures.adam(), 0.001));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resnetTrainsToDl4jsBits(String name, OptimizerSpec optimizer, double lr) {
        NetworkSpec spec = GraphModels.resnet(new DataShape(1, 12, 12, 10), 8, false);
        ComputationGraph dl4j = Fixtures.network(spec, optimizer, lr, 5);
        NativeConv.install(dl4j);
        ComputationGraph relu = Fixtures.network(spec, optimizer, lr, 5);
        NativeConv.install(relu);
        ReluActivation.install(relu);
        assertTrue(Arrays.stream(relu.getLayers()).anyMatch(l -> l instanceof ReluActivation));
        assertTrue(Arrays.stream(dl4j.getLayers()).noneMatch(l -> l instanceof ReluActivation));
        SplitArrays data = new SplitArrays(TINY.train());
        data.shuffle(3);
        for (int i = 0; i < 20; i++) {
            INDArray[] x = {data.batchFeatures(i % 4, 50)};
            INDArray[] y = {data.batchLabels(i % 4, 50)};
            dl4j.fit(x, y);
            relu.fit(x, y);
            assertEquals(dl4j.score(), relu.score(), 0.0, name + ", loss at step " + i);
        }
        assertArrayEquals(dl4j.params().data().asFloat(), relu.params().data().asFloat(), name);
        INDArray state = dl4j.getUpdater().getStateViewArray();
        if (state != null) {
            assertArrayEquals(state.data().asFloat(), relu.getUpdater().getStateViewArray().data().asFloat(), name);
        }
    }

    /**
     * Zeros of both signs, negatives and positives, under gradients of both signs: relu(z) > 0
     * exactly where z > 0, and where it is not the input's gradient is +0 as relu_bp writes it,
     * never -0 (assertArrayEquals on floats tells the two apart).
     */
    @Test
    void inputGradientIsReluBpsToTheBit() {
        float[] z = {-0.0f, 0.0f, -1.5f, 2.5f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -3f, 0.0f, -0.0f};
        float[] e = {-1f, -2f, -3f, -4f, -5f, 6f, 7f, -0.0f, 0.0f, 1f};
        NeuralNetConfiguration conf = new NeuralNetConfiguration.Builder()
                .layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder().activation(Activation.RELU).build())
                .build();
        float[][] expected = pass(new ActivationLayer(conf, DataType.FLOAT), z, e);
        float[][] actual = pass(new ReluActivation(conf, DataType.FLOAT), z, e);
        assertArrayEquals(expected[0], actual[0], "output");
        assertArrayEquals(expected[1], actual[1], "input gradient");
        assertEquals(Float.floatToIntBits(0.0f), Float.floatToIntBits(actual[1][0]), "+0, not -0");
    }

    private static float[][] pass(ActivationLayer layer, float[] z, float[] e) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(Nd4j.createFromArray(z).reshape(2, 5), mgr);
        float[] out = layer.activate(true, mgr).dup().data().asFloat();
        INDArray grad = layer.backpropGradient(Nd4j.createFromArray(e).reshape(2, 5), mgr).getSecond();
        return new float[][] {out, grad.data().asFloat()};
    }
}

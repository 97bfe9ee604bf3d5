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
import dev.prune.engine.TrainObserver;
import java.util.Set;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The convolution that keeps its forward output trains to the bits of the layer before it (DL4J's,
 * with the oneDNN helper attached), its first layer's weight gradient alone to within rounding, and
 * freezing that skips the frozen layers' work gives the bits of freezing that computes it.
 */
@Tag("slow")
class LeanConvTest {

    /** 12x12 images, so that a ResNet-8 step stays small. */
    private static final DataSplit TINY = Shapes.generate(200, 50, 0, 12, 1);

    static Stream<Arguments> cases() {
        NetworkSpec resnet = GraphModels.resnet(new DataShape(1, 12, 12, 10), 8, false);
        return Stream.of(
                Arguments.of("lenet5, sgd", Fixtures.lenet5(), Fixtures.sgd(), 0.05, Fixtures.SMALL),
                Arguments.of("lenet5, nesterov with weight decay", Fixtures.lenet5(), OptimizerSpec.sgd(0.9, 5e-4),
                        0.05, Fixtures.SMALL),
                Arguments.of("lenet5, adam", Fixtures.lenet5(), Fixtures.adam(), 0.001, Fixtures.SMALL),
                Arguments.of("resnet8, sgd", resnet, Fixtures.sgd(), 0.05, TINY),
                Arguments.of("resnet8, nesterov", resnet, Fixtures.nesterov(), 0.05, TINY),
                Arguments.of("resnet8, adam with weight decay", resnet, OptimizerSpec.adam(0.9, 0.999, 1e-8, 5e-4),
                        0.001, TINY));
    }

    /** Without the first layer's own weight gradient, every bit is the previous layer's. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainsToThePreviousLayersBits(String name, NetworkSpec spec, OptimizerSpec optimizer, double lr,
                                       DataSplit split) {
        ComputationGraph before = previousNetwork(spec, optimizer, lr);
        ComputationGraph lean = Fixtures.network(spec, optimizer, lr, 5);
        NativeConv.install(lean, false);
        train(before, lean, split, i -> assertEquals(before.score(), lean.score(), 0.0, "loss at iteration " + i));
        assertArrayEquals(before.params().data().asFloat(), lean.params().data().asFloat(), name);
        INDArray state = before.getUpdater().getStateViewArray();
        if (state != null) {
            assertArrayEquals(state.data().asFloat(), lean.getUpdater().getStateViewArray().data().asFloat(), name);
        }
    }

    /**
     * The first layer's weight gradient alone, as a convolution, sums in another order than
     * conv2d_bp: each step lands within float rounding of the previous layer's, no weight further
     * from it than a millionth of the largest weight. Each step starts from the previous layer's
     * weights and optimizer state: over several steps the rounding can move a max-pooling window's
     * winner or a ReLU's sign, and from then on the two trainings differ by a whole gradient term
     * (seen on an AVX2 machine: 6e-8 for five steps, then 8e-5 at the sixth, for LeNet-5 under
     * Nesterov with weight decay), which says nothing about the gradient's own rounding.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firstLayerAloneTrainsWithinRounding(String name, NetworkSpec spec, OptimizerSpec optimizer, double lr,
                                             DataSplit split) {
        ComputationGraph before = previousNetwork(spec, optimizer, lr);
        ComputationGraph lean = Fixtures.network(spec, optimizer, lr, 5);
        NativeConv.install(lean);
        train(before, lean, split, i -> {
            double distance = Fixtures.relativeDistance(before.params(), lean.params());
            assertTrue(distance < 1e-6, name + ", step " + i + ": largest difference / largest weight " + distance);
            lean.params().assign(before.params());
            INDArray state = before.getUpdater().getStateViewArray();
            if (state != null) {
                lean.getUpdater().getStateViewArray().assign(state);
            }
        });
    }

    private static ComputationGraph previousNetwork(NetworkSpec spec, OptimizerSpec optimizer, double lr) {
        ComputationGraph net = Fixtures.network(spec, optimizer, lr, 5);
        NativeConv.install(net);
        previous(net);
        return net;
    }

    /** Six steps of both networks on the same batches, {@code afterStep} told each step's index. */
    private static void train(ComputationGraph before, ComputationGraph lean, DataSplit split,
                              java.util.function.IntConsumer afterStep) {
        assertTrue(java.util.Arrays.stream(lean.getLayers()).anyMatch(l -> l instanceof LeanConv));
        SplitArrays data = new SplitArrays(split.train());
        data.shuffle(3);
        for (int i = 0; i < 6; i++) {
            INDArray[] x = {data.batchFeatures(i % 4, 50)};
            INDArray[] y = {data.batchLabels(i % 4, 50)};
            before.fit(x, y);
            lean.fit(x, y);
            afterStep.accept(i);
        }
    }

    static Stream<Arguments> frozen() {
        NetworkSpec resnet = GraphModels.resnet(new DataShape(1, 12, 12, 10), 8, false);
        // ResNet-8's weight layers: stem, then conv1 and conv2 of one block per stage, then fc.
        return Stream.of(
                Arguments.of("lenet5 conv1 (a frozen prefix), sgd", Fixtures.lenet5(), Set.of(0), Fixtures.sgd(), 0.05,
                        Fixtures.SMALL),
                Arguments.of("lenet5 conv1 and fc1, nesterov", Fixtures.lenet5(), Set.of(0, 2), Fixtures.nesterov(),
                        0.05, Fixtures.SMALL),
                Arguments.of("lenet5 conv2 (its input's gradient still read), adam", Fixtures.lenet5(), Set.of(1),
                        Fixtures.adam(), 0.001, Fixtures.SMALL),
                Arguments.of("resnet8 stem and stage 1, sgd with weight decay", resnet, Set.of(0, 1, 2),
                        OptimizerSpec.sgd(0, 5e-4), 0.05, TINY),
                Arguments.of("resnet8 stage 2, adam", resnet, Set.of(3, 4), Fixtures.adam(), 0.001, TINY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frozen")
    void skippingFrozenWorkChangesNoBit(String name, NetworkSpec spec, Set<Integer> freeze, OptimizerSpec optimizer,
                                        double lr, DataSplit split) {
        float[][] params = new float[2][];
        double[] losses = new double[2];
        for (int r = 0; r < 2; r++) {
            try (Dl4jEngine engine = Fixtures.engine(spec, optimizer, split, 50, 7)) {
                if (r == 1) {
                    unplanned(engine.network());
                }
                engine.train(Fixtures.constant(3, 1, lr), TrainObserver.NONE);
                engine.freeze(freeze);
                var result = engine.train(Fixtures.constant(5, 2, lr), TrainObserver.NONE);
                assertTrue(result.completed(), name);
                losses[r] = result.epochs().get(result.epochs().size() - 1).meanLoss();
                params[r] = engine.network().params().dup().data().asFloat();
            }
        }
        assertEquals(losses[1], losses[0], 0.0, name + ": loss");
        assertArrayEquals(params[1], params[0], name + ": parameters");
    }

    /** A frozen prefix computes nothing: under plain SGD its gradient is never written, so it stays zero. */
    @org.junit.jupiter.api.Test
    void aFrozenPrefixComputesNoGradient() {
        try (Dl4jEngine engine = Fixtures.engine(Fixtures.lenet5(), Fixtures.sgd(), 50, 7)) {
            engine.freeze(Set.of(0));
            engine.train(Fixtures.constant(2, 1, 0.05), TrainObserver.NONE);
            ComputationGraph net = engine.network();
            assertEquals(0.0, net.getLayer("conv1").getGradientsViewArray().amaxNumber().doubleValue(), 0.0);
            assertTrue(net.getLayer("conv2").getGradientsViewArray().amaxNumber().doubleValue() > 0);
            // Outside training every gradient is computed again, the frozen layer's too.
            java.util.List<float[]> g = engine.lossGradients(dev.prune.engine.GradientRequest.plain(0, 50));
            assertTrue(Fixtures.zeros(g.get(0)) < g.get(0).length, "conv1's gradient after training");
        }
    }

    /** Puts the layers of before this change in place of the lean ones: DL4J's, helpers attached. */
    static void previous(ComputationGraph net) {
        LayerSwap.replace(net, v -> {
            Layer layer = v.getLayer();
            if (layer instanceof NativeConv.Conv) {
                return new Previous(layer.conf(), layer);
            }
            return layer instanceof NativeConv.Pool ? new PreviousPool(layer.conf(), layer) : null;
        });
    }

    /** The lean layers deaf to the plan: every gradient computed, frozen or not. */
    static void unplanned(ComputationGraph net) {
        LayerSwap.replace(net, v -> {
            Layer layer = v.getLayer();
            if (layer instanceof NativeConv.Conv) {
                return new Unplanned(layer.conf(), layer, NativeConv.readsData(net, v));
            }
            return layer instanceof NativeConv.Pool ? new PreviousPool(layer.conf(), layer) : null;
        });
    }

    private static final class Unplanned extends LeanConv {
        Unplanned(NeuralNetConfiguration conf, Layer original, boolean readsData) {
            super(conf, DataType.FLOAT, readsData);
            helper = new MKLDNNConvHelper(DataType.FLOAT);
            LayerSwap.adopt(this, original);
        }

        @Override
        public void needs(boolean weights, boolean input) {
        }
    }

    private static final class Previous extends ConvolutionLayer {
        Previous(NeuralNetConfiguration conf, Layer original) {
            super(conf, DataType.FLOAT);
            helper = new MKLDNNConvHelper(DataType.FLOAT);
            LayerSwap.adopt(this, original);
        }
    }

    /**
     * DL4J's pooling layer with oneDNN's helper, forward and backward. Max pooling's forward pass
     * differs in path, not in bits ({@link NativeConvTest}).
     */
    static final class PreviousPool extends SubsamplingLayer {
        PreviousPool(NeuralNetConfiguration conf, Layer original) {
            super(conf, DataType.FLOAT);
            helper = new MKLDNNSubsamplingHelper(DataType.FLOAT);
            setListeners(original.getListeners());
            setIndex(original.getIndex());
            setConf(conf);
        }
    }
}

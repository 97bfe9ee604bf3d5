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
import dev.prune.engine.TrainRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max pooling's backward pass on libnd4j's own loop and the convolution's ReLU derivative as
 * sign(a)·ε train LeNet-5 to the bits of DL4J's pooling layer (oneDNN's backward pass) and
 * DL4J's {@code relu_bp}: 200 steps through the engine, with masks on every layer, a frozen
 * convolution, a learning rate that changes every iteration and a smaller last batch; and Conv-4,
 * where only the second conv of each pair hands ReLU's derivative to its pooling.
 */
@Tag("slow")
class PoolBackwardTest {

    /** 600 examples in batches of 64: 10 steps per epoch, the last of 24 examples. */
    private static final int STEPS = 200;
    private static final int BATCH = 64;
    /** 200 images of 12x12 for Conv-4: in batches of 48, a last batch of 8. */
    private static final DataSplit TINY = Shapes.generate(200, 50, 0, 12, 1);

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("sgd", Fixtures.sgd(), 0.05),
                Arguments.of("nesterov with weight decay", OptimizerSpec.sgd(0.9, 5e-4), 0.02),
                Arguments.of("adam", Fixtures.adam(), 0.001));
    }

    private record Trained(List<Double> losses, float[] params, float[] state) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void trainsToDl4jsBits(String name, OptimizerSpec optimizer, double lr) {
        Trained dl4j = train(Fixtures.lenet5(), optimizer, lr, true);
        Trained ours = train(Fixtures.lenet5(), optimizer, lr, false);
        assertEquals(STEPS, ours.losses.size());
        for (int i = 0; i < STEPS; i++) {
            double expected = dl4j.losses.get(i);
            assertEquals(expected, ours.losses.get(i), 1e-5 * Math.abs(expected), name + ": loss at iteration " + i);
        }
        assertTrue(ours.losses.get(STEPS - 1) < ours.losses.get(0), name + ": the network learned");
        assertArrayEquals(dl4j.losses.stream().mapToDouble(d -> d).toArray(),
                ours.losses.stream().mapToDouble(d -> d).toArray(), name + ": losses");
        assertArrayEquals(dl4j.params, ours.params, name + ": parameters");
        assertArrayEquals(dl4j.state, ours.state, name + ": optimizer state");
    }

    /**
     * Conv-4 (conv, conv, pool, twice): ReLU's derivative is applied by the pooling for the second
     * conv of each pair and by the conv itself for the first, whose output a conv reads.
     */
    @Test
    void conv4TrainsToDl4jsBits() {
        NetworkSpec net = GraphModels.conv(new DataShape(1, 12, 12, 10), 4);
        Trained dl4j = train(net, OptimizerSpec.sgd(0.9, 5e-4), 0.02, true, TINY, 48, 16, 4);
        Trained ours = train(net, OptimizerSpec.sgd(0.9, 5e-4), 0.02, false, TINY, 48, 16, 4);
        assertEquals(dl4j.losses, ours.losses, "losses");
        assertArrayEquals(dl4j.params, ours.params, "parameters");
        assertArrayEquals(dl4j.state, ours.state, "optimizer state");
    }

    @Test
    void sameSeedGivesTheSameBits() {
        Trained a = train(Fixtures.lenet5(), Fixtures.nesterov(), 0.02, false);
        Trained b = train(Fixtures.lenet5(), Fixtures.nesterov(), 0.02, false);
        assertEquals(a.losses, b.losses);
        assertArrayEquals(a.params, b.params);
        assertArrayEquals(a.state, b.state);
    }

    /** 12 steps, then masks on every layer and conv2 frozen, then the rest with a changing learning rate. */
    private static Trained train(NetworkSpec net, OptimizerSpec optimizer, double lr, boolean dl4jBackward) {
        return train(net, optimizer, lr, dl4jBackward, Fixtures.SMALL, BATCH, STEPS, 12);
    }

    /** {@code dense} steps, then masks on every layer and the second weight layer frozen, then the rest. */
    private static Trained train(NetworkSpec net, OptimizerSpec optimizer, double lr, boolean dl4jBackward,
                                 DataSplit data, int batch, int steps, int dense) {
        try (Dl4jEngine engine = Fixtures.engine(net, optimizer, data, batch, 9)) {
            if (dl4jBackward) {
                dl4jBackward(engine.network());
            }
            List<Double> losses = new ArrayList<>();
            TrainObserver observer = new TrainObserver() {
                @Override
                public void iteration(int i, double loss, double rate) {
                    losses.add(loss);
                }
            };
            engine.train(Fixtures.constant(dense, 1, lr), observer);
            engine.applyMasks(Fixtures.randomMasks(net, 0.5, 5));
            engine.freeze(Set.of(1));
            TrainRequest rest = new TrainRequest(steps - dense, 2,
                    i -> lr * (0.5 + 0.5 * Math.cos(Math.PI * i / steps)));
            assertTrue(engine.train(rest, observer).completed());
            var state = engine.network().getUpdater().getStateViewArray();
            return new Trained(losses, engine.network().params().dup().data().asFloat(),
                    state == null ? new float[0] : state.dup().data().asFloat());
        }
    }

    /** DL4J's pooling layer with oneDNN's helper and a convolution with DL4J's ReLU derivative, as before. */
    private static void dl4jBackward(ComputationGraph net) {
        LayerSwap.replace(net, v -> {
            Layer layer = v.getLayer();
            if (layer instanceof NativeConv.Conv) {
                return new Dl4jRelu(layer.conf(), layer, NativeConv.readsData(net, v));
            }
            return layer instanceof NativeConv.Pool ? new LeanConvTest.PreviousPool(layer.conf(), layer) : null;
        });
    }

    private static final class Dl4jRelu extends LeanConv {
        Dl4jRelu(NeuralNetConfiguration conf, Layer original, boolean readsData) {
            super(conf, DataType.FLOAT, readsData);
            helper = new MKLDNNConvHelper(DataType.FLOAT);
            LayerSwap.adopt(this, original);
        }

        @Override
        protected INDArray reluDerivative(INDArray a, INDArray epsilon) {
            return layerConf().getActivationFn().backprop(a, epsilon).getFirst();
        }
    }
}

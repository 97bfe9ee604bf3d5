package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The dense layer that skips DL4J's repeated work trains to the same weights, bit for bit. */
class ReluDenseTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("mlp, sgd", Fixtures.smallMlp(), Fixtures.sgd(), 0.1),
                Arguments.of("mlp, nesterov with weight decay", Fixtures.smallMlp(), OptimizerSpec.sgd(0.9, 5e-4), 0.05),
                Arguments.of("mlp, adam", Fixtures.smallMlp(), Fixtures.adam(), 0.001),
                Arguments.of("lenet5, nesterov", Fixtures.lenet5(), Fixtures.nesterov(), 0.05));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainsToTheSameWeightsAsDl4jsLayer(String name, NetworkSpec spec, OptimizerSpec optimizer, double lr) {
        ComputationGraph stock = network(spec, optimizer, lr, false);
        ComputationGraph fast = network(spec, optimizer, lr, true);
        assertTrue(java.util.Arrays.stream(fast.getLayers()).anyMatch(l -> l instanceof ReluDense));
        SplitArrays data = new SplitArrays(Fixtures.SMALL.train());
        data.shuffle(3);
        for (int i = 0; i < 12; i++) {
            stock.fit(new INDArray[] {data.batchFeatures(i, 50)}, new INDArray[] {data.batchLabels(i, 50)});
            fast.fit(new INDArray[] {data.batchFeatures(i, 50)}, new INDArray[] {data.batchLabels(i, 50)});
            assertEquals(stock.score(), fast.score(), 0.0, "loss at iteration " + i);
        }
        assertArrayEquals(stock.params().data().asFloat(), fast.params().data().asFloat());
        if (stock.getUpdater().getStateViewArray() != null) {
            assertArrayEquals(stock.getUpdater().getStateViewArray().data().asFloat(),
                    fast.getUpdater().getStateViewArray().data().asFloat());
        }
    }

    @Test
    void onlyPlainReluLayersAreReplaced() {
        NetworkSpec spec = NetworkSpec.sequential("mixed", 1, 28, 28, List.of(
                LayerSpec.dense("fc1", 784, 20, "relu"),
                LayerSpec.dense("fc2", 20, 20, "tanh"),
                LayerSpec.output("out", 20, 10)));
        ComputationGraph net = network(spec, Fixtures.sgd(), 0.1, true);
        assertTrue(net.getLayer("fc1") instanceof ReluDense);
        assertFalse(net.getLayer("fc2") instanceof ReluDense);
        assertFalse(net.getLayer("out") instanceof ReluDense);
    }

    private static ComputationGraph network(NetworkSpec spec, OptimizerSpec optimizer, double lr, boolean install) {
        ComputationGraph net = Fixtures.network(spec, optimizer, lr, 11);
        if (install) {
            ReluDense.install(net);
        }
        return net;
    }
}

package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.Penalty;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Prune's own dense step against DL4J's {@code fit} with DL4J's layers: the same losses and
 * weights, with masks, a frozen layer and a learning rate that changes every iteration, under
 * SGD, Nesterov with weight decay and Adam; and the cases it leaves to DL4J.
 */
class DenseStepTest {

    /** 300 steps: 600 examples in batches of 64 are 10 steps per epoch, the last of 24 examples. */
    private static final int STEPS = 300;
    private static final int BATCH = 64;

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("sgd", Fixtures.sgd(), 0.1),
                Arguments.of("nesterov with weight decay", OptimizerSpec.sgd(0.9, 5e-4), 0.05),
                Arguments.of("adam", Fixtures.adam(), 0.001),
                Arguments.of("adam with weight decay", OptimizerSpec.adam(0.9, 0.999, 1e-8, 5e-4), 0.001));
    }

    /** Losses of every iteration and the final weights of one training. */
    private record Trained(List<Double> losses, List<float[]> weights, float[] params, float[] state) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void trainsAsDl4jsLayersDo(String name, OptimizerSpec optimizer, double lr) {
        NetworkSpec net = Fixtures.smallMlp();
        Trained dl4j = train(net, optimizer, lr, true);
        Trained step = train(net, optimizer, lr, false);
        for (int i = 0; i < dl4j.losses.size(); i++) {
            double expected = dl4j.losses.get(i);
            assertEquals(expected, step.losses.get(i), 1e-5 * Math.abs(expected), name + ": loss at iteration " + i);
        }
        for (int l = 0; l < dl4j.weights.size(); l++) {
            float[] a = dl4j.weights.get(l);
            float[] b = step.weights.get(l);
            for (int k = 0; k < a.length; k++) {
                assertEquals(a[k], b[k], 1e-5 * Math.max(Math.abs(a[k]), 1e-3), name + ": layer " + l + " weight " + k);
            }
        }
        // The arithmetic is DL4J's operation for operation: parameters, biases included, and the
        // optimizer state come out bit for bit; under plain SGD a pruned weight's zero may have
        // the other sign (the masks are folded into the update, Fixtures.assertSameBitsOrZeros).
        Fixtures.assertSameBitsOrZeros(dl4j.params, step.params, name + ": parameters");
        assertArrayEquals(dl4j.state, step.state, name + ": optimizer state");
    }

    /** 12 dense steps, then masks and a frozen layer, then the rest with a changing learning rate. */
    private static Trained train(NetworkSpec net, OptimizerSpec optimizer, double lr, boolean dl4jFit) {
        try (Dl4jEngine engine = Fixtures.engine(net, optimizer, BATCH, 9)) {
            engine.dl4jFit(dl4jFit);
            assertEquals(!dl4jFit, usesStep(engine), "which path trains");
            List<Double> losses = new ArrayList<>();
            TrainObserver observer = new TrainObserver() {
                @Override
                public void iteration(int i, double loss, double rate) {
                    losses.add(loss);
                }
            };
            engine.train(Fixtures.constant(12, 1, lr), observer);
            engine.applyMasks(Fixtures.randomMasks(net, 0.5, 5));
            engine.freeze(Set.of(1));
            TrainRequest rest = new TrainRequest(STEPS - 12, 2, i -> lr * (0.5 + 0.5 * Math.cos(Math.PI * i / STEPS)));
            assertTrue(engine.train(rest, observer).completed());
            var state = engine.network().getUpdater().getStateViewArray();
            return new Trained(losses, engine.weights(), engine.network().params().dup().data().asFloat(),
                    state == null ? new float[0] : state.dup().data().asFloat());
        }
    }

    private static boolean usesStep(Dl4jEngine engine) {
        return engine.stepFor(Penalty.NONE, 0) != null;
    }

    /** Under plain SGD the masks ride in the update's division; Nesterov keeps the listener's product. */
    @Test
    void plainSgdFoldsTheMasksIntoTheUpdate() {
        NetworkSpec net = Fixtures.smallMlp();
        for (OptimizerSpec optimizer : List.of(Fixtures.sgd(), Fixtures.nesterov())) {
            try (Dl4jEngine engine = Fixtures.engine(net, optimizer, BATCH, 9)) {
                engine.applyMasks(Fixtures.randomMasks(net, 0.5, 5));
                engine.freeze(Set.of(1));
                assertTrue(engine.train(Fixtures.constant(20, 1, 0.05), TrainObserver.NONE).completed());
                boolean sgd = optimizer.momentum() == 0;
                assertEquals(sgd ? 20 : 0, engine.guard().stepsMaskedByStep(), "steps masked by the step");
                List<float[]> masks = Fixtures.randomMasks(net, 0.5, 5);
                List<float[]> weights = engine.weights();
                for (int l = 0; l < masks.size(); l++) {
                    for (int k = 0; k < masks.get(l).length; k++) {
                        if (masks.get(l)[k] == 0f) {
                            assertEquals(0f, Math.abs(weights.get(l)[k]), "pruned weight " + k + " of layer " + l);
                        }
                    }
                }
            }
        }
    }

    @Test
    void sameSeedAndThreadsGiveTheSameBits() {
        NetworkSpec net = Fixtures.smallMlp();
        Trained a = train(net, Fixtures.nesterov(), 0.05, false);
        Trained b = train(net, Fixtures.nesterov(), 0.05, false);
        assertEquals(a.losses, b.losses);
        assertArrayEquals(a.params, b.params);
        assertArrayEquals(a.state, b.state);
    }

    @Test
    void leavesToDl4jWhatItDoesNotCompute() {
        try (Dl4jEngine mlp = Fixtures.engine(Fixtures.smallMlp(), Fixtures.nesterov(), BATCH, 1)) {
            assertNotNull(mlp.stepFor(Penalty.NONE, 0));
            // Label smoothing changes only the targets, which the step reads as they are.
            assertNotNull(mlp.stepFor(new Penalty(0, 0, false, 0.1), 0));
            assertNull(mlp.stepFor(new Penalty(1e-4), 0), "network slimming's penalty");
            assertNull(mlp.stepFor(Penalty.NONE, 5), "a ghost phase");
            mlp.guard().maskGradients(true);
            assertNull(mlp.stepFor(Penalty.NONE, 0), "gradient masking");
            mlp.guard().maskGradients(false);
            mlp.trackImportance(0.85, 0.95);
            assertNull(mlp.stepFor(Penalty.NONE, 0), "a listener that reads gradients");
        }
        try (Dl4jEngine cnn = Fixtures.engine(Fixtures.lenet5(), Fixtures.nesterov(), BATCH, 1)) {
            assertNull(cnn.stepFor(Penalty.NONE, 0), "convolutions");
        }
        NetworkSpec tanh = NetworkSpec.sequential("tanh", 1, 28, 28, List.of(
                LayerSpec.dense("fc1", 784, 20, "relu"),
                LayerSpec.dense("fc2", 20, 20, "tanh"),
                LayerSpec.output("out", 20, 10)));
        try (Dl4jEngine other = Fixtures.engine(tanh, Fixtures.sgd(), BATCH, 1)) {
            assertNull(other.stepFor(Penalty.NONE, 0), "another activation");
        }
    }
}

package dev.prune.dl4j;

import dev.prune.data.DataSplit;
import dev.prune.data.Shapes;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.TrainRequest;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.params.provider.Arguments;
import org.nd4j.linalg.factory.Nd4j;

/** Small networks, data and masks shared by the engine tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** 600 training and 200 test images of 1x28x28, generated once per test JVM. */
    static final DataSplit SMALL = Shapes.generate(600, 200, 0, 28, 1);

    static NetworkSpec mlp(int... sizes) {
        List<LayerSpec> layers = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(i + 2 == sizes.length
                    ? LayerSpec.output("out", sizes[i], sizes[i + 1])
                    : LayerSpec.dense("fc" + (i + 1), sizes[i], sizes[i + 1], "relu"));
        }
        return NetworkSpec.sequential("mlp", 1, 28, 28, layers);
    }

    /** A small MLP for the tests that need training but not accuracy. */
    static NetworkSpec smallMlp() {
        return mlp(784, 64, 32, 10);
    }

    static NetworkSpec lenet5() {
        return NetworkSpec.sequential("lenet5", 1, 28, 28, List.of(
                LayerSpec.conv("conv1", 1, 6, 5, 2, 2, 28, "relu"),
                LayerSpec.conv("conv2", 6, 16, 5, 0, 2, 14, "relu"),
                LayerSpec.dense("fc1", 400, 120, "relu"),
                LayerSpec.dense("fc2", 120, 84, "relu"),
                LayerSpec.output("out", 84, 10)));
    }

    static OptimizerSpec sgd() {
        return OptimizerSpec.sgd(0, 0);
    }

    static OptimizerSpec nesterov() {
        return OptimizerSpec.sgd(0.9, 0);
    }

    static OptimizerSpec adam() {
        return OptimizerSpec.adam(0.9, 0.999, 1e-8, 0);
    }

    static TrainRequest constant(int iterations, long dataSeed, double lr) {
        return new TrainRequest(iterations, dataSeed, i -> lr);
    }

    static Dl4jEngine engine(NetworkSpec net, OptimizerSpec optimizer, int batch, long seed) {
        return engine(net, optimizer, SMALL, batch, seed);
    }

    static Dl4jEngine engine(NetworkSpec net, OptimizerSpec optimizer, DataSplit data, int batch, long seed) {
        Dl4jEngine engine = new Dl4jEngine();
        engine.build(net, optimizer, data, batch, seed, 1);
        return engine;
    }

    /** Random 0/1 masks keeping about {@code keep} of each layer's weights. */
    static List<float[]> randomMasks(NetworkSpec net, double keep, long seed) {
        Random random = new Random(seed);
        List<float[]> masks = new java.util.ArrayList<>();
        for (LayerSpec l : net.layers()) {
            float[] m = new float[l.weightCount()];
            for (int i = 0; i < m.length; i++) {
                m[i] = random.nextDouble() < keep ? 1f : 0f;
            }
            masks.add(m);
        }
        return masks;
    }

    static int zeros(float[] a) {
        int z = 0;
        for (float v : a) {
            if (v == 0f) {
                z++;
            }
        }
        return z;
    }

    /** A DL4J network from the engine's configuration, initialized, before any layer swap. */
    static ComputationGraph network(NetworkSpec spec, OptimizerSpec optimizer, double lr, long seed) {
        NetworkBuilder.Built built = NetworkBuilder.build(spec, optimizer, seed);
        built.schedule().set(lr);
        Nd4j.getRandom().setSeed(seed);
        ComputationGraph net = new ComputationGraph(built.configuration());
        net.init();
        return net;
    }

    /** The optimizers the mask tests run under, each with a learning rate that suits it. */
    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("sgd", sgd(), 0.1),
                Arguments.of("nesterov", nesterov(), 0.05),
                Arguments.of("adam", adam(), 0.001),
                Arguments.of("nesterov with weight decay",
                        OptimizerSpec.sgd(0.9, 5e-4), 0.05),
                Arguments.of("adam with weight decay",
                        OptimizerSpec.adam(0.9, 0.999, 1e-8, 5e-4), 0.001));
    }

    /**
     * The same bits everywhere, except that a zero may be +0 on one side and -0 on the other.
     * Under plain SGD the dense step folds the masks into its update (g/∞ where a weight is
     * pruned) instead of multiplying the parameters by them, which keeps every pruned weight at
     * exactly zero and every other weight's bits, not the sign of a pruned weight's zero.
     */
    /** The largest difference between two arrays' elements, as a share of {@code a}'s largest element. */
    static double relativeDistance(INDArray a, INDArray b) {
        float[] x = a.dup().data().asFloat();
        float[] y = b.dup().data().asFloat();
        double diff = 0;
        double size = 0;
        for (int i = 0; i < x.length; i++) {
            diff = Math.max(diff, Math.abs(x[i] - y[i]));
            size = Math.max(size, Math.abs(x[i]));
        }
        return diff / size;
    }

    static void assertSameBitsOrZeros(float[] expected, float[] actual, String message) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length, message + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != 0f || actual[i] != 0f) {
                org.junit.jupiter.api.Assertions.assertEquals(Float.floatToIntBits(expected[i]),
                        Float.floatToIntBits(actual[i]), message + ": value " + i + " (" + expected[i] + " against "
                                + actual[i] + ")");
            }
        }
    }
}

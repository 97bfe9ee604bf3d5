package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.DataShape;
import dev.prune.builtins.GraphModels;
import dev.prune.data.DataSplit;
import dev.prune.data.Shapes;
import dev.prune.engine.CompactResult;
import dev.prune.engine.Cut;
import dev.prune.engine.LayerKind;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.TrainObserver;
import dev.prune.pruning.Compaction;
import dev.prune.pruning.ScoreInputs;
import dev.prune.pruning.UnitNorm;
import dev.prune.pruning.UnitPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The physically smaller network computes what the masked one computes, after biases, batch norm
 * statistics and momentum have moved away from their initial values: for dense units, for filters
 * across the conv-to-dense flatten, and for the channel groups of ResNets (option A and B
 * shortcuts), VGG with and without batch norm and MobileNetV2 (depthwise convs, inverted residual
 * blocks). Training goes on from the sliced optimizer state as it would have in the masked network,
 * and the saved file is an ordinary DL4J model.
 */
@Tag("slow")
class CompactTest {
    /** Tiny images: each graph model runs a few iterations in seconds. */
    private static final DataSplit TINY = Shapes.generate(64, 32, 0, 16, 5);
    private static final DataShape SHAPE = new DataShape(1, 16, 16, 10);
    /** MobileNetV2's 52 convs are the slowest graph: the smallest images its three strides allow. */
    private static final DataSplit SMALLEST = Shapes.generate(64, 32, 0, 8, 5);
    /** Momentum and weight decay: both reach the sliced optimizer state. */
    private static final OptimizerSpec OPTIMIZER = OptimizerSpec.sgd(0.9, 0.0005);

    @TempDir
    Path dir;

    @Test
    void mlpWithNeuronsRemovedGivesTheSameOutputs() throws Exception {
        NetworkSpec net = Fixtures.mlp(784, 64, 32, 10);
        Path file = dir.resolve("small.zip");
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), 50, 1)) {
            // Train first so that biases are no longer zero: a removed unit's bias must not matter.
            engine.train(Fixtures.constant(10, 1, 0.05), null);
            List<float[]> masks = UnitPlanner.prune(net, randomScores(net, 1), Fixtures.randomMasks(net, 1.0, 0),
                    new boolean[]{true, true, false}, 0.5, false);
            engine.applyMasks(masks);
            engine.train(Fixtures.constant(10, 2, 0.05), null);
            Cut cut = Compaction.cut(net, masks);
            assertEquals(32, cut.units().get(0).length);
            assertEquals(16, cut.units().get(1).length);
            CompactResult r = engine.compact(cut, Compaction.slice(cut, masks), file);
            assertTrue(r.maxDifference() <= 1e-5, "difference " + r.maxDifference());
            assertEquals(200, r.examples());
            assertTrue(r.maskedSeconds() > 0 && r.compactSeconds() > 0);
        }
        ComputationGraph loaded = ComputationGraph.load(file.toFile(), false);
        assertEquals(784L * 32 + 32 + 32 * 16 + 16 + 16 * 10 + 10, loaded.numParams());
    }

    @Test
    void lenet5WithFiltersAndNeuronsRemovedGivesTheSameOutputs() {
        NetworkSpec net = Fixtures.lenet5();
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), 50, 2)) {
            engine.train(Fixtures.constant(10, 1, 0.05), null);
            List<float[]> masks = UnitPlanner.prune(net, randomScores(net, 2), Fixtures.randomMasks(net, 1.0, 0),
                    new boolean[]{true, true, true, true, false}, 0.5, false);
            engine.applyMasks(masks);
            engine.train(Fixtures.constant(10, 2, 0.05), null);
            Cut cut = Compaction.cut(net, masks);
            CompactResult r = engine.compact(cut, Compaction.slice(cut, masks), null);
            assertTrue(r.maxDifference() <= 1e-5, "difference " + r.maxDifference());
            assertEquals(List.of(3, 8, 60, 42, 10), cut.after().layers().stream().map(l -> l.nOut()).toList());
        }
    }

    @Test
    void resnetWithZeroPaddedShortcuts() throws Exception {
        compactsLikeTheMaskedNetwork(GraphModels.resnet(SHAPE, 8, false), TINY);
    }

    @Test
    void resnetWithProjectionShortcuts() throws Exception {
        compactsLikeTheMaskedNetwork(GraphModels.resnet(SHAPE, 8, true), TINY);
    }

    @Test
    void vggWithBatchNorm() throws Exception {
        compactsLikeTheMaskedNetwork(GraphModels.vgg(SHAPE, 11, true, 0.125), TINY);
    }

    @Test
    void vggWithoutBatchNorm() throws Exception {
        compactsLikeTheMaskedNetwork(GraphModels.vgg(SHAPE, 11, false, 0.125), TINY);
    }

    @Test
    void mobilenetV2() throws Exception {
        compactsLikeTheMaskedNetwork(GraphModels.mobilenetV2(new DataShape(1, 8, 8, 10), 0.25), SMALLEST);
    }

    /**
     * Two engines train the same network the same way and both prune half of every conv group's
     * channels by L1 norm; one is compacted. The outputs agree, one more step on each leaves the
     * kept weights equal (the optimizer state came along), and the saved file loads back into a
     * plain DL4J graph with the compact network's outputs.
     */
    private void compactsLikeTheMaskedNetwork(NetworkSpec net, DataSplit data) throws Exception {
        Path file = dir.resolve(net.name() + ".zip");
        try (Dl4jEngine masked = engine(net, data); Dl4jEngine compact = engine(net, data)) {
            List<float[]> masks = null;
            for (Dl4jEngine e : List.of(masked, compact)) {
                e.train(Fixtures.constant(2, 1, 0.05), TrainObserver.NONE);
                masks = halfTheFilters(net, e.weights());
                e.applyMasks(masks);
                e.train(Fixtures.constant(2, 2, 0.05), TrainObserver.NONE);
            }
            Cut cut = Compaction.cut(net, masks);
            assertTrue(cut.after().multiplyAdds() < net.multiplyAdds() / 2, "about a quarter of the work is left");
            CompactResult r = compact.compact(cut, Compaction.slice(cut, masks), file);
            assertTrue(r.maxDifference() <= 1e-4, net.name() + ": difference " + r.maxDifference());
            assertEquals(cut.after().parameterCount() + statistics(cut.after()), compact.network().numParams());
            INDArray x = new SplitArrays(data.test()).features(0, 32);
            assertClose(masked.network().outputSingle(false, x), compact.network().outputSingle(false, x), 1e-4);

            masked.train(Fixtures.constant(1, 3, 0.05), TrainObserver.NONE);
            compact.train(Fixtures.constant(1, 3, 0.05), TrainObserver.NONE);
            List<float[]> expected = Compaction.slice(cut, masked.weights());
            List<float[]> actual = compact.weights();
            for (int l = 0; l < expected.size(); l++) {
                float[] a = expected.get(l);
                float[] b = actual.get(l);
                assertEquals(a.length, b.length);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], 1e-5, net.name() + " " + net.layers().get(l).name() + " weight " + i);
                }
            }
            assertClose(masked.network().outputSingle(false, x), compact.network().outputSingle(false, x), 1e-4);

            assertTrue(Files.exists(file));
            ComputationGraph loaded = ComputationGraph.load(file.toFile(), true);
            assertEquals(compact.network().numParams(), loaded.numParams());
        }
    }

    private static Dl4jEngine engine(NetworkSpec net, DataSplit data) {
        Dl4jEngine engine = new Dl4jEngine();
        engine.build(net, OPTIMIZER, data, 32, 7, 1);
        return engine;
    }

    /** Half the channels of every conv group by L1 norm, as {@code prune filters by 50%} does. */
    private static List<float[]> halfTheFilters(NetworkSpec net, List<float[]> weights) {
        List<float[]> ones = Fixtures.randomMasks(net, 1.0, 1);
        List<float[]> scores = new UnitNorm(false, Set.of(LayerKind.CONV)).unitScores(new ScoreInputs(net, weights,
                ones, 1));
        boolean[] convs = new boolean[net.layers().size()];
        for (int l = 0; l < convs.length; l++) {
            convs[l] = net.layers().get(l).kind() == LayerKind.CONV;
        }
        return UnitPlanner.prune(net, scores, ones, convs, 0.5, false);
    }

    /** DL4J counts batch norm's running mean and variance as parameters too. */
    private static long statistics(NetworkSpec net) {
        return net.nodes().stream().filter(n -> n.kind() == dev.prune.engine.NodeKind.BATCH_NORM)
                .mapToLong(n -> 2L * net.shape(n.input()).channels()).sum();
    }

    private static void assertClose(INDArray expected, INDArray actual, double tolerance) {
        double d = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(d <= tolerance, "outputs differ by " + d);
    }

    private static List<float[]> randomScores(NetworkSpec net, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> out = new ArrayList<>();
        net.layers().forEach(l -> {
            float[] s = new float[l.nOut()];
            for (int u = 0; u < s.length; u++) {
                s[u] = (float) random.nextDouble();
            }
            out.add(s);
        });
        return out;
    }
}

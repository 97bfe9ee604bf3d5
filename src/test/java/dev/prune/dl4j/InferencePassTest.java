package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.DataShape;
import dev.prune.builtins.GraphModels;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.UnitActivity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The statistics pass computes what DL4J's feedForward computes, to the bit, channels-last
 * convolutions and pooling included, and the unit statistics read from it are those of the
 * channels-first loop over DL4J's own activations.
 */
class InferencePassTest {

    @Test
    void lenet5sConvolutionsRunChannelsLastWithDl4jsBits() {
        NetworkSpec spec = Fixtures.lenet5();
        try (Dl4jEngine engine = Fixtures.engine(spec, Fixtures.sgd(), 50, 11)) {
            engine.train(Fixtures.constant(10, 3, 0.05), dev.prune.engine.TrainObserver.NONE);
            Map<String, Boolean> layouts = sameAsFeedForward(engine.network(), spec, 500);
            assertEquals(Boolean.TRUE, layouts.get("conv1"), "the first convolution reads one channel");
            assertEquals(Boolean.TRUE, layouts.get("conv1_pool"));
            assertEquals(Boolean.TRUE, layouts.get("conv2"), "it reads the channels-last pooling");
            assertEquals(Boolean.TRUE, layouts.get("conv2_pool"));
            assertEquals(Boolean.FALSE, layouts.get("fc1"));
            sameAsFeedForward(engine.network(), spec, 1);
            sameStatistics(engine, spec);
        }
    }

    /** Batch norm and residual adds: the first convolution runs channels-last, the vertices after it as DL4J's. */
    @Test
    void aResidualNetworkWithBatchNormGivesDl4jsBits() {
        NetworkSpec spec = GraphModels.resnet(new DataShape(1, 28, 28, 10), 8, false);
        try (Dl4jEngine engine = Fixtures.engine(spec, Fixtures.sgd(), 50, 5)) {
            engine.train(Fixtures.constant(3, 3, 0.05), dev.prune.engine.TrainObserver.NONE);
            Map<String, Boolean> layouts = sameAsFeedForward(engine.network(), spec, 40);
            assertTrue(layouts.containsValue(Boolean.TRUE), "some vertex ran channels-last: " + layouts);
            sameStatistics(engine, spec);
        }
    }

    /**
     * The outputs the statistics read and those computed channels-last against feedForward's;
     * returns whether each vertex ran channels-last. Not every vertex: feedForward's map holds
     * a batch norm's output after the ReLU vertex behind it has overwritten it in place.
     */
    private static Map<String, Boolean> sameAsFeedForward(ComputationGraph net, NetworkSpec spec, int n) {
        java.util.Set<String> read = new java.util.HashSet<>();
        for (int l = 0; l < spec.layers().size(); l++) {
            read.add(spec.topology().activated(l));
        }
        SplitArrays data = new SplitArrays(Fixtures.SMALL.train());
        Map<String, INDArray> expected = net.feedForward(data.features(0, n), false);
        String[] names = expected.keySet().stream().filter(k -> !k.equals("input")).toArray(String[]::new);
        Map<String, Boolean> layouts = new HashMap<>();
        new InferencePass(net, names).run(data.features(0, n), (vertex, output, channelsLast) -> {
            String name = net.getVertices()[vertex].getVertexName();
            layouts.put(name, channelsLast);
            if (!channelsLast && !read.contains(name)) {
                return;
            }
            INDArray ours = channelsLast ? ChannelsLast.toChannelsFirst(output) : output;
            INDArray theirs = expected.get(name);
            assertArrayEquals(theirs.shape(), ours.shape(), name);
            assertArrayEquals(theirs.dup('c').data().asFloat(), ours.dup('c').data().asFloat(), name);
        });
        assertEquals(names.length, layouts.size(), "every vertex was read");
        return layouts;
    }

    /** The statistics of the pass against the channels-first loop over feedForward's activations, bit for bit. */
    private static void sameStatistics(Dl4jEngine engine, NetworkSpec spec) {
        int n = Fixtures.SMALL.train().count();
        List<WeightLayout> layouts = spec.layers().stream().map(WeightLayout::new).toList();
        UnitActivity ours = Activity.measure(engine.network(), spec, layouts, new SplitArrays(Fixtures.SMALL.train()), 0);
        Activity.Sums sums = new Activity.Sums(layouts);
        SplitArrays data = new SplitArrays(Fixtures.SMALL.train());
        for (int a = 0; a < n; a += Activity.CHUNK) {
            Map<String, INDArray> acts = engine.network().feedForward(data.features(a, Math.min(n, a + Activity.CHUNK)), false);
            for (int l = 0; l < layouts.size(); l++) {
                INDArray act = acts.get(spec.topology().activated(l));
                Activity.accumulate(act, sums.abs[l], sums.zeros[l]);
                sums.positions[l] += act.length() / sums.abs[l].length;
            }
            sums.examples += Math.min(n, a + Activity.CHUNK) - a;
        }
        UnitActivity theirs = sums.activity();
        for (int l = 0; l < layouts.size(); l++) {
            assertArrayEquals(theirs.meanAbs().get(l), ours.meanAbs().get(l), "layer " + l);
            assertArrayEquals(theirs.zeroShare().get(l), ours.zeroShare().get(l), "layer " + l);
        }
    }
}

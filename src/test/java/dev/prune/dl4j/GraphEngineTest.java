package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.DataShape;
import dev.prune.builtins.GraphModels;
import dev.prune.data.DataSplit;
import dev.prune.data.Shapes;
import dev.prune.engine.EvalResult;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Node;
import dev.prune.engine.NodeKind;
import dev.prune.engine.Split;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainResult;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Residual and batch-normalised graphs on the engine: built as the core describes them, trained,
 * masked. Images are 12x12 (16x16 for the VGG, whose four poolings need them): the graphs, their
 * shortcuts and their layouts are the same at any size.
 */
class GraphEngineTest {
    private static final DataShape SMALL = new DataShape(1, 12, 12, 10);
    private static final DataSplit DATA = Shapes.generate(100, 50, 0, 12, 1);
    private static final DataShape VGG_SIZE = new DataShape(1, 16, 16, 10);

    /** DL4J's parameter count is the papers' plus batch norm's running mean and variance. */
    private static long dl4jParameters(NetworkSpec net) {
        long stats = 0;
        for (Node n : net.nodes()) {
            if (n.kind() == NodeKind.BATCH_NORM) {
                stats += 2L * net.shape(n.input()).channels();
            }
        }
        return net.parameterCount() + stats;
    }

    private static void trainsMasked(NetworkSpec net) {
        DataSplit data = net.height() == 12 ? DATA : Shapes.generate(100, 50, 0, net.height(), 1);
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), data, 50, 3)) {
            assertEquals(dl4jParameters(net), engine.network().numParams(), "the core's shapes are DL4J's");
            List<float[]> masks = Fixtures.randomMasks(net, 0.5, 4);
            engine.applyMasks(masks);
            TrainResult result = engine.train(Fixtures.constant(4, 1, 0.05), TrainObserver.NONE);
            assertTrue(result.completed(), result.failure());
            List<float[]> weights = engine.weights();
            for (int l = 0; l < masks.size(); l++) {
                for (int i = 0; i < masks.get(l).length; i++) {
                    if (masks.get(l)[i] == 0f) {
                        assertEquals(0f, weights.get(l)[i], net.layers().get(l).name() + " weight " + i);
                    }
                }
            }
            EvalResult eval = engine.evaluate(Split.TEST);
            assertTrue(Double.isFinite(eval.loss()));
        }
    }

    @Test
    void aSmallResnetWithZeroPaddedShortcutsTrainsWithMasks() {
        trainsMasked(GraphModels.resnet(SMALL, 8, false));
    }

    @Test
    void projectionShortcutsTrainToo() {
        trainsMasked(GraphModels.resnet(SMALL, 8, true));
    }

    /**
     * Filter pruning of half the residual stream's channels: after training with the masks, every
     * removed channel is exactly zero after each add, because the batch norms on it hold γ = β = 0.
     */
    @Test
    void aRemovedStreamChannelIsZeroAfterEveryAddThroughItsBatchNorms() {
        NetworkSpec net = GraphModels.resnet(SMALL, 8, false);
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), DATA, 50, 3)) {
            List<float[]> scores = new dev.prune.pruning.UnitNorm(false, java.util.Set.of(
                    dev.prune.engine.LayerKind.CONV)).unitScores(new dev.prune.pruning.ScoreInputs(net,
                    engine.weights(), Fixtures.randomMasks(net, 1.0, 1), 1));
            boolean[] convs = new boolean[net.layers().size()];
            java.util.Arrays.fill(convs, 0, convs.length - 1, true);
            List<float[]> masks = dev.prune.pruning.UnitPlanner.prune(net, scores, Fixtures.randomMasks(net, 1.0, 1),
                    convs, 0.5, false);
            engine.applyMasks(masks);
            assertTrue(engine.train(Fixtures.constant(4, 1, 0.05), TrainObserver.NONE).completed());
            dev.prune.engine.ChannelGroups.Group stream = new dev.prune.engine.ChannelGroups(net).groupOf(0);
            org.nd4j.linalg.api.ndarray.INDArray x = org.nd4j.linalg.factory.Nd4j.rand(
                    org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 1, 12, 12);
            java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> acts = engine.network().feedForward(x, false);
            int removed = 0;
            // Option A joins the stages: stage-3 channel c is stage-2 channel c (c < 32) and stem channel c (c < 16).
            assertEquals(64, stream.channels().size());
            for (int c = 0; c < 64; c++) {
                dev.prune.engine.ChannelGroups.Channel ch = stream.channels().get(c);
                dev.prune.engine.ChannelGroups.Filter f = ch.filters().get(ch.filters().size() - 1);
                boolean gone = dev.prune.pruning.Units.inPruned(net, masks.get(f.layer()), f.layer(), f.unit());
                removed += gone ? 1 : 0;
                for (dev.prune.engine.ChannelGroups.Norm n : ch.norms()) {
                    double gamma = engine.network().getLayer(n.node()).getParam("gamma").getDouble(n.channel());
                    assertEquals(gone, gamma == 0.0, n.node() + " channel " + n.channel());
                }
                double out = acts.get("stage3.block1.add").get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(c)).amaxNumber().doubleValue();
                assertEquals(gone, out == 0.0, "stage3.block1.add channel " + c + ": " + out);
            }
            assertEquals(32, removed, "half of the stream's 64 channels");
        }
    }

    @Tag("slow")
    @Test
    void vggWithBatchNormTrainsWithMasks() {
        // a quarter of the filters (16 to 128): the same graph at a sixteenth of the weights
        trainsMasked(GraphModels.vgg(VGG_SIZE, 11, true, 0.25));
    }

    @Tag("slow")
    @Test
    void mobilenetV2WithDepthwiseConvsTrainsWithMasks() {
        trainsMasked(GraphModels.mobilenetV2(SMALL));
    }

    @Test
    void aDepthwiseKernelsFlatLayoutIsGroupedByChannel() {
        // DL4J keeps a depthwise W as [kH, kW, channels, 1]; the flat layout is channel, ky, kx.
        NetworkSpec net = new NetworkSpec("dw", 1, 12, 12, List.of(
                Node.conv("conv", NetworkSpec.INPUT, 4, 1, 1, 0, false, "identity"),
                Node.depthwise("dw", "conv", 4, 3, 1, 1),
                Node.output("fc", "dw", 10)));
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), DATA, 20, 3)) {
            assertEquals(net.parameterCount(), engine.network().numParams());
            int dw = net.indexOf("dw").orElseThrow();
            assertEquals(36, net.layers().get(dw).weightCount());
            List<float[]> masks = Fixtures.randomMasks(net, 1.0, 1);
            int k = 2 * 9 + 1 * 3 + 2; // channel 2, ky 1, kx 2
            masks.get(dw)[k] = 0f;
            engine.applyMasks(masks);
            org.nd4j.linalg.api.ndarray.INDArray w = engine.network().getParam("dw_W");
            assertEquals(List.of(3L, 3L, 4L, 1L), java.util.Arrays.stream(w.shape()).boxed().toList());
            for (int c = 0; c < 4; c++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        boolean pruned = c == 2 && ky == 1 && kx == 2;
                        assertEquals(pruned, w.getFloat(ky, kx, c, 0) == 0f, c + "," + ky + "," + kx);
                        assertEquals(w.getFloat(ky, kx, c, 0), engine.weights().get(dw)[c * 9 + ky * 3 + kx], 0f); // -0 and 0 alike
                    }
                }
            }
        }
    }
}

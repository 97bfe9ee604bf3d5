package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.prune.engine.ChannelGroupsTest;
import dev.prune.engine.Cut;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What compact keeps on residual, batch-normalised and depthwise graphs, checked by hand. */
class CompactionTest {
    private static final boolean[] CONVS = {true, true, true, true, true, false};

    /** GroupPlannerTest's scores: at 50% the stream loses channels 1, 2, 4, 6 and b2.conv1 filters 0..3. */
    private static List<float[]> scores() {
        return Nets.of(new float[]{4, 0, 2, 1}, new float[]{3, 1, 2, 4}, new float[]{0, 1, 0, 5},
                new float[]{0, 1, 2, 3, 4, 5, 6, 7}, new float[]{1, 1, 1, 1, 0.5f, 6, 0.1f, 3}, null);
    }

    @Test
    void aResidualStreamLosesItsChannelsInEveryWriterNormReaderAndTheZeroPad() {
        NetworkSpec net = ChannelGroupsTest.twoBlocks(false);
        List<float[]> m = UnitPlanner.prune(net, scores(), Nets.ones(net), CONVS, 0.5, false);
        Cut cut = Compaction.cut(net, m);
        int[] stage1 = {0, 3};
        int[] stage2 = {0, 3, 5, 7};
        assertArrayEquals(stage1, cut.units().get(0));
        assertArrayEquals(stage1, cut.units().get(1));
        assertArrayEquals(stage1, cut.units().get(2));
        assertArrayEquals(new int[]{4, 5, 6, 7}, cut.units().get(3));
        assertArrayEquals(stage2, cut.units().get(4));
        assertArrayEquals(new int[]{0, 1, 2}, cut.units().get(5));
        // Conv inputs are channels; the classifier after global pooling reads one value per channel.
        assertArrayEquals(new int[]{0}, cut.inputs().get(0));
        assertArrayEquals(stage1, cut.inputs().get(1));
        assertArrayEquals(stage1, cut.inputs().get(2));
        assertArrayEquals(stage1, cut.inputs().get(3));
        assertArrayEquals(new int[]{4, 5, 6, 7}, cut.inputs().get(4));
        assertArrayEquals(stage2, cut.inputs().get(5));
        assertArrayEquals(stage1, cut.norms().get("stem_bn"));
        assertArrayEquals(stage1, cut.norms().get("b1.bn2"));
        assertArrayEquals(new int[]{4, 5, 6, 7}, cut.norms().get("b2.bn1"));
        assertArrayEquals(stage2, cut.norms().get("b2.bn2"));
        // The pad passes the 2 kept stage-1 channels and pads them with 2 zeros to the kept 4.
        NetworkSpec small = cut.after();
        assertEquals(4, small.node("b2.short").orElseThrow().units());
        assertEquals(2, small.shape("b1.relu").channels());
        assertEquals(List.of(2, 2, 2, 4, 4, 3), small.layers().stream().map(l -> l.nOut()).toList());
        assertEquals(List.of(1, 2, 2, 2, 4, 4), small.layers().stream().map(l -> l.nIn()).toList());
        // b1.conv1's weights: kept filters 0 and 3, each with kept input channels 0 and 3, 9 taps each.
        float[] w = new float[4 * 4 * 9];
        for (int i = 0; i < w.length; i++) {
            w[i] = i;
        }
        float[] sliced = Compaction.slice(cut, 1, w);
        assertEquals(2 * 2 * 9, sliced.length);
        assertEquals(0, sliced[0]);
        assertEquals(3 * 9, sliced[9]);
        assertEquals(3 * 36, sliced[18]);
        assertEquals(3 * 36 + 3 * 9 + 8, sliced[35]);
        // The sliced masks keep only what is left unmasked in kept channels: all ones here.
        for (float[] mask : Compaction.slice(cut, m)) {
            for (float v : mask) {
                assertEquals(1f, v);
            }
        }
    }

    @Test
    void aProjectionShortcutLosesTheChannelsOfTheStreamItWritesAndReadsTheKeptOnes() {
        NetworkSpec net = ChannelGroupsTest.twoBlocks(true);
        List<float[]> m = Nets.ones(net);
        // Stage-2 channel 6 unread (fc's inputs 6), stage-1 channel 1 unread (b1.conv1, b2.conv1, shortcut).
        for (int k = 0; k < 3; k++) {
            m.get(6)[k * 8 + 6] = 0f;
        }
        zeroInputChannel(net, m, 1, 1);
        zeroInputChannel(net, m, 3, 1);
        zeroInputChannel(net, m, 5, 1);
        Cut cut = Compaction.cut(net, m);
        assertArrayEquals(new int[]{0, 2, 3}, cut.units().get(0));
        assertArrayEquals(new int[]{0, 2, 3}, cut.units().get(2));
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 7}, cut.units().get(4));
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 7}, cut.units().get(5));
        assertArrayEquals(new int[]{0, 2, 3}, cut.inputs().get(5));
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 7}, cut.norms().get("b2.short_bn"));
        assertEquals(7, cut.after().layers().get(6).nIn());
    }

    @Test
    void aDepthwiseConvKeepsTheChannelsOfItsExpansionAndTheProjectionReadsThem() {
        NetworkSpec net = new NetworkSpec("inverted", 1, 4, 4, List.of(
                Node.conv("stem", NetworkSpec.INPUT, 4, 3, 1, 1, false, "identity"),
                Node.batchNorm("stem_bn", "stem"),
                Node.activation("stem_relu", "stem_bn", "relu"),
                Node.conv("expand", "stem_relu", 8, 1, 1, 0, false, "identity"),
                Node.batchNorm("expand_bn", "expand"),
                Node.activation("expand_relu", "expand_bn", "relu"),
                Node.depthwise("dw", "expand_relu", 8, 3, 1, 1),
                Node.batchNorm("dw_bn", "dw"),
                Node.activation("dw_relu", "dw_bn", "relu"),
                Node.conv("project", "dw_relu", 4, 1, 1, 0, false, "identity"),
                Node.batchNorm("project_bn", "project"),
                Node.add("add", List.of("project_bn", "stem_relu")),
                Node.globalAvgPool("pool", "add"),
                Node.output("fc", "pool", 3)));
        List<float[]> m = Nets.ones(net);
        zeroInputChannel(net, m, 3, 1);
        zeroInputChannel(net, m, 3, 5);
        Cut cut = Compaction.cut(net, m);
        int[] kept = {0, 2, 3, 4, 6, 7};
        assertArrayEquals(kept, cut.units().get(1));
        assertArrayEquals(kept, cut.units().get(2));
        assertArrayEquals(kept, cut.inputs().get(2));
        assertArrayEquals(kept, cut.inputs().get(3));
        assertArrayEquals(kept, cut.norms().get("dw_bn"));
        assertArrayEquals(kept, cut.norms().get("expand_bn"));
        assertArrayEquals(new int[]{0, 1, 2, 3}, cut.units().get(0));
        NetworkSpec small = cut.after();
        assertEquals(6, small.node("dw").orElseThrow().groups());
        assertEquals(6 * 9, small.layers().get(2).weightCount());
        // The depthwise filter of channel 2 is the third in the smaller layer, all 9 taps.
        float[] dw = new float[8 * 9];
        for (int i = 0; i < dw.length; i++) {
            dw[i] = i;
        }
        float[] sliced = Compaction.slice(cut, 2, dw);
        assertEquals(18, sliced[9]);
        assertEquals(7 * 9 + 8, sliced[sliced.length - 1]);
    }

    /**
     * conv1's three 1x1 filters make 2x2 maps that fc1 reads flattened, channel by channel (inputs
     * 0..3, 4..7, 8..11). With fc1's inputs 0..3 pruned, filter 0 is unread: it goes, and fc1 keeps
     * the inputs of filters 1 and 2; the smaller fc1 is fc1's last eight columns.
     */
    @Test
    void aDenseLayerAfterAFlattenedConvLosesTheBlockOfEachRemovedFilter() {
        NetworkSpec net = NetworkSpec.sequential("flat", 1, 2, 2, List.of(
                LayerSpec.conv("conv1", 1, 3, 1, 0, 0, 2, "relu"), LayerSpec.dense("fc1", 12, 2, "relu"),
                LayerSpec.output("out", 2, 2)));
        List<float[]> m = Nets.ones(net);
        for (int u = 0; u < 2; u++) {
            java.util.Arrays.fill(m.get(1), u * 12, u * 12 + 4, 0f);
        }
        Cut cut = Compaction.cut(net, m);
        assertArrayEquals(new int[]{1, 2}, cut.units().get(0));
        assertArrayEquals(new int[]{0, 1}, cut.units().get(1));
        assertArrayEquals(new int[]{0, 1}, cut.units().get(2));
        assertArrayEquals(new int[]{0}, cut.inputs().get(0));
        assertArrayEquals(new int[]{4, 5, 6, 7, 8, 9, 10, 11}, cut.inputs().get(1));
        assertArrayEquals(new int[]{0, 1}, cut.inputs().get(2));
        assertEquals(List.of(2, 2, 2), cut.after().layers().stream().map(l -> l.nOut()).toList());
        assertEquals(List.of(1, 8, 2), cut.after().layers().stream().map(l -> l.nIn()).toList());
        float[] w = new float[24];
        for (int i = 0; i < w.length; i++) {
            w[i] = i;
        }
        assertArrayEquals(new float[]{4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23},
                Compaction.slice(cut, 1, w));
        assertNull(Compaction.slice(cut, (List<float[]>) null));
    }

    /** With every input of fc1 pruned, no filter of conv1 is read; the layer keeps its first. */
    @Test
    void aLayerNothingReadsKeepsItsFirstChannel() {
        NetworkSpec net = Nets.convFlatten();
        List<float[]> m = Nets.ones(net);
        java.util.Arrays.fill(m.get(1), 0f);
        Cut cut = Compaction.cut(net, m);
        assertArrayEquals(new int[]{0}, cut.units().get(0));
        assertArrayEquals(new int[]{0, 1, 2, 3}, cut.inputs().get(1));
        assertEquals(List.of(1, 3, 2), cut.after().layers().stream().map(l -> l.nOut()).toList());
    }

    /** Zeroes input channel {@code c} of every filter of conv layer {@code l}. */
    private static void zeroInputChannel(NetworkSpec net, List<float[]> m, int l, int c) {
        var s = net.layers().get(l);
        int area = s.kernel() * s.kernel();
        for (int u = 0; u < s.nOut(); u++) {
            java.util.Arrays.fill(m.get(l), u * s.fanIn() + c * area, u * s.fanIn() + (c + 1) * area, 0f);
        }
    }
}

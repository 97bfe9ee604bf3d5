package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Node;
import dev.prune.engine.NodeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SynFlow's pass through the geometry of conv nets — stride, padding, several channels, depthwise
 * convs, max and average pooling with padding — against values computed by hand. A sum over a
 * layer cannot check these: the flow is the same through every layer whatever positions a wrong
 * index reads, so each case asserts every score. On an input of ones a padded conv's output
 * differs by position (fewer kernel taps fall inside at the border), which is what makes a window
 * or an index that is off by one show.
 */
class SynFlowGeometryTest {

    /**
     * A 1x1 conv makes channels of 1 and 2; a 2x2 conv of stride 2 and padding 1 (ones) reads them
     * into 2x2 maps. Output (y, x) sees the taps ky in {1} for y = 0 and {0, 1} for y = 1 (likewise
     * x), so 1, 2, 2 and 4 taps per channel: 3, 6, 6, 12 for each filter. The output's weights are
     * 1..8, so R = 81 + 189 = 270. A conv1 weight's flow sums the output weights of the positions its
     * tap reaches, times the channel it reads: filter 0 reaches (1,1) only with tap (0,0): 4, with
     * (0,1) the bottom row: 3 + 4 = 7, with (1,0) the right column: 6, with (1,1) all: 10.
     */
    @Test
    void aStridedPaddedConvOverSeveralChannelsFollowsTheHandComputation() {
        NetworkSpec net = new NetworkSpec("strided", 1, 3, 3, List.of(
                Node.conv("conv0", NetworkSpec.INPUT, 2, 1, 1, 0, false, "relu"),
                Node.conv("conv1", "conv0", 2, 2, 2, 1, false, "relu"),
                Node.output("out", "conv1", 1)));
        List<float[]> s = SynapticFlow.scores(net, Nets.of(new float[]{1, 2}, ones(16),
                new float[]{1, 2, 3, 4, 5, 6, 7, 8}), Nets.ones(net));
        assertArrayEquals(new float[]{90, 180}, s.get(0), 1e-4f);
        assertArrayEquals(new float[]{4, 7, 6, 10, 8, 14, 12, 20, 8, 15, 14, 26, 16, 30, 28, 52}, s.get(1), 1e-4f);
        assertArrayEquals(new float[]{3, 12, 18, 48, 15, 36, 42, 96}, s.get(2), 1e-4f);
    }

    /**
     * A depthwise 2x2 conv (MobileNetV2's kind) reads each channel alone: channel 0 (all 1) through
     * weights 1..4 gives 10, channel 1 (all 2) through 5..8 gives 52.
     */
    @Test
    void aDepthwiseConvReadsEachChannelAlone() {
        NetworkSpec net = new NetworkSpec("dw", 1, 2, 2, List.of(
                Node.conv("conv0", NetworkSpec.INPUT, 2, 1, 1, 0, false, "relu"),
                Node.depthwise("dw", "conv0", 2, 2, 1, 0),
                Node.output("out", "dw", 1)));
        List<float[]> s = SynapticFlow.scores(net, Nets.of(new float[]{1, 2}, new float[]{1, 2, 3, 4, 5, 6, 7, 8},
                new float[]{1, 1}), Nets.ones(net));
        assertArrayEquals(new float[]{10, 52}, s.get(0), 1e-4f);
        assertArrayEquals(new float[]{1, 2, 3, 4, 10, 12, 14, 16}, s.get(1), 1e-4f);
        assertArrayEquals(new float[]{10, 52}, s.get(2), 1e-4f);
    }

    /**
     * Two 3x3 filters of padding 1 over a 4x4 input of ones, each the outer product of a row and a
     * column vector, so the map is A(y) B(x) with A and B the sums of the taps that fall inside:
     * filter 0 (rows 1, 2, 4; columns 4, 2, 1) has A = 6, 7, 7, 3 and B = 3, 7, 7, 6; filter 1 the
     * mirror image. A 2x2 max pooling of stride 2 and padding 1 has the windows rows {0}, {1, 2},
     * {3} (likewise columns), so channel 0 gives A' = 6, 7, 3 times B' = 3, 7, 6 and each window's
     * first maximum is at rows and columns 0, 1, 3. A tap that falls inside at rows 1 and 3 of
     * those (ky = 0), all three (ky = 1) or rows 0 and 1 (ky = 2) carries 2, 3, 2 times its share:
     * filter 0's flow is (1·2, 2·3, 4·2) ⊗ (4·2, 2·3, 1·2).
     */
    @Test
    void maxPoolingWithStrideAndPaddingRoutesTheFlowToEachWindowsMaximum() {
        NetworkSpec net = pooled(NodeKind.MAX_POOL, 1);
        List<float[]> s = SynapticFlow.scores(net, Nets.of(filters(), ones(18)), Nets.ones(net));
        assertArrayEquals(new float[]{16, 12, 4, 48, 36, 12, 64, 48, 16, 16, 48, 64, 12, 36, 48, 4, 12, 16}, s.get(0),
                1e-4f);
        assertArrayEquals(new float[]{18, 42, 36, 21, 49, 42, 9, 21, 18, 18, 21, 9, 42, 49, 21, 36, 42, 18}, s.get(1),
                1e-4f);
    }

    /**
     * Without padding the 2x2 windows of stride 2 hold an edge and an interior row (and column),
     * whose values differ: each window's maximum is 7 · 7 = 49 at an interior position, where every
     * tap falls inside, so each weight carries its value times the four windows of its filter.
     */
    @Test
    void maxPoolingTakesTheLargestValueOfEachWindow() {
        NetworkSpec net = pooled(NodeKind.MAX_POOL, 0);
        List<float[]> s = SynapticFlow.scores(net, Nets.of(filters(), ones(8)), Nets.ones(net));
        assertArrayEquals(new float[]{16, 8, 4, 32, 16, 8, 64, 32, 16, 16, 32, 64, 8, 16, 32, 4, 8, 16}, s.get(0), 1e-4f);
        assertArrayEquals(new float[]{49, 49, 49, 49, 49, 49, 49, 49}, s.get(1), 1e-4f);
    }

    /**
     * The same maps through a 2x2 average pooling of stride 2 and padding 1, which divides by the
     * whole window (DL4J's default): channel 0 is (6, 14, 3) ⊗ (3, 14, 6) / 4, read by output weights
     * 1..18. Back, each position of the map gets 1/4 of the weight of the one window that covers it:
     * the tap (1, 1) of filter 0, inside everywhere, carries 4 · 1/4 · Σ over the windows of their
     * rows (1, 2, 1) times columns (1, 2, 1) times their weight 1 + 3·row + column = 4 · 80 / 4.
     */
    @Test
    void averagePoolingWithPaddingDividesByTheWholeWindowBothWays() {
        NetworkSpec net = pooled(NodeKind.AVG_POOL, 1);
        float[] out = new float[18];
        for (int i = 0; i < out.length; i++) {
            out[i] = i + 1;
        }
        List<float[]> s = SynapticFlow.scores(net, Nets.of(filters(), out), Nets.ones(net));
        assertArrayEquals(new float[]{57, 36, 12.75f, 128, 80, 28, 156, 96, 33, 138, 360, 528, 86, 224, 328, 30, 78,
                114}, s.get(0), 1e-3f);
        assertArrayEquals(new float[]{4.5f, 42, 27, 42, 245, 126, 15.75f, 84, 40.5f, 45, 115.5f, 27, 273, 686, 157.5f,
                144, 357, 81}, s.get(1), 1e-3f);
        assertEquals(2512.75, sum(s.get(1)), 1e-2);
    }

    /** conv (2 filters of 3x3, padding 1) → a 2x2 pooling of stride 2 → output of 1. */
    private static NetworkSpec pooled(NodeKind pooling, int padding) {
        return new NetworkSpec("pooled", 1, 4, 4, List.of(
                Node.conv("conv0", NetworkSpec.INPUT, 2, 3, 1, 1, false, "relu"),
                new Node("pool", pooling, List.of("conv0"), 0, 2, 2, padding, false, 1, "", 0),
                Node.output("out", "pool", 1)));
    }

    /** Filter 0 = (1, 2, 4) ⊗ (4, 2, 1), filter 1 = (4, 2, 1) ⊗ (1, 2, 4), row by row. */
    private static float[] filters() {
        return new float[]{4, 2, 1, 8, 4, 2, 16, 8, 4, 4, 8, 16, 2, 4, 8, 1, 2, 4};
    }

    private static float[] ones(int n) {
        return Density.ones(n);
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float x : a) {
            s += x;
        }
        return s;
    }
}

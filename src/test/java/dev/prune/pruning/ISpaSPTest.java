package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.UnitActivity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * i-SpaSP on a layer of three ReLU units read by an output layer, two examples. The out weights
 * give a_0 = (1, 0), a_1 = (-1, 0), a_2 = (1, 0); the activations h_0 = h_1 = (0, 1) and
 * h_2 = (0.2, 0). Units 0 and 1 cancel in the output, so the layer's output is unit 2's alone:
 * G = (a_i . a_j)(h_i . h_j) = [[1, -1, 0], [-1, 1, 0], [0, 0, 0.04]].
 */
class ISpaSPTest {
    private static final boolean[] HIDDEN = {true, false};

    private static NetworkSpec net() {
        return NetworkSpec.sequential("mlp", 1, 1, 2, List.of(LayerSpec.dense("fc1", 2, 3, "relu"),
                LayerSpec.output("out", 3, 2)));
    }

    private static ScoreInputs inputs(FixedProbe probe, List<float[]> masks) {
        NetworkSpec net = net();
        float[] fc1 = {1, 2, 3, 4, 5, 6};
        float[] out = {1, -1, 1, 0, 0, 0};
        return new ScoreInputs(net, Nets.of(fc1, out), masks, 1, probe);
    }

    private static FixedProbe probe() {
        FixedProbe p = new FixedProbe();
        // example 0: units (0, 0, 0.2); example 1: units (1, 1, 0)
        p.outputs = Nets.of(new float[]{0, 0, 0.2f, 1, 1, 0}, null);
        return p;
    }

    @Test
    void theGramMatrixIsTheProductOfTheReadersAndTheActivationsGrams() {
        ScoreInputs in = inputs(probe(), Nets.ones(net()));
        double[][] g = ISpaSP.gram(in, 0, new int[]{0, 1, 2}, probe().outputs.get(0));
        assertArrayEquals(new double[]{1, -1, 0}, g[0], 1e-7);
        assertArrayEquals(new double[]{-1, 1, 0}, g[1], 1e-7);
        assertArrayEquals(new double[]{0, 0, 0.04}, g[2], 1e-7);
    }

    @Test
    void theFirstScoreIsEachUnitsCorrelationWithTheWholeOutput() {
        // <Y, c_i> = sum_j G_ij: units 0 and 1 cancel, so only unit 2 correlates with the output.
        float[] s = new ISpaSP(1, 2).unitScores(inputs(probe(), Nets.ones(net()))).get(0);
        assertArrayEquals(new float[]{0, 0, 0.04f}, s, 1e-6f);
    }

    @Test
    void oneRoundMergesTheTwoBestCorrelatedUnitsAndKeepsTheOneTheLeastSquaresFitWeighs() {
        double[][] g = {{1, -1, 0}, {-1, 1, 0}, {0, 0, 0.04}};
        // S empty: p = (0, 0, 0.04), the top 2 are units 2 and 0 (the tie to the lower index);
        // least squares on {0, 2}: b = (0, 1), weighed by ||c|| = (1, 0.2): unit 2 stays.
        assertEquals(List.of(2), ISpaSP.round(g, List.of(), 1));
        // S = {2}: the residual is 0, p = (0, 0, 0); merged {0, 1, 2}, b = (0, 0, 1): unit 2 again.
        assertEquals(List.of(2), ISpaSP.round(g, List.of(2), 1));
    }

    @Test
    void itKeepsTheUnitThatCarriesTheOutputWhereMeanActivationDropsIt() {
        FixedProbe p = probe();
        p.activity = new UnitActivity(Nets.of(new float[]{0.5f, 0.5f, 0.1f}, new float[]{0, 0}),
                Nets.of(new float[]{0.5f, 0.5f, 0.5f}, new float[]{0, 0}), 2);
        ScoreInputs in = inputs(p, Nets.ones(net()));
        NetworkSpec net = net();
        // 50% of 3 units: ceil(1.5) = 2 go, one stays.
        List<float[]> m = new ISpaSP(3, 2).prune(in, HIDDEN, 0.5, false);
        assertTrue(Units.alive(net, m, 0, 2));
        assertFalse(Units.alive(net, m, 0, 0));
        assertFalse(Units.alive(net, m, 0, 1));
        assertEquals(List.of("0+2", "2+2", "4+2"), p.outputCalls);
        List<float[]> dropnet = new MeanActivation(MeanActivation.Variant.MIN, 0).prune(in, HIDDEN, 0.5, false);
        assertFalse(Units.alive(net, dropnet, 0, 2));
    }

    @Test
    void aUnitPrunedBeforeIsNoCandidate() {
        NetworkSpec net = net();
        List<float[]> masks = Nets.ones(net);
        Units.remove(net, masks, 0, 2);
        FixedProbe p = probe();
        List<float[]> m = new ISpaSP(2, 2).prune(inputs(p, masks), HIDDEN, 0.5, false);
        // Two alive, ceil(0.5 * 2) = 1 goes: of the cancelling pair, b = (0, 0) ties to unit 0.
        assertEquals(1, Units.aliveCount(net, m, 0));
        assertTrue(Units.alive(net, m, 0, 0));
        assertFalse(Units.alive(net, m, 0, 2));
    }

    /**
     * Two hidden layers: fc1 (2 units) is pruned first from the dense outputs; fc2 is then chosen on
     * the outputs of the network with fc1 pruned, against the dense network's output.
     */
    @Test
    void laterLayersAreChosenOnTheNetworkWithTheLayersBeforePruned() {
        NetworkSpec net = NetworkSpec.sequential("mlp", 1, 1, 2, List.of(LayerSpec.dense("fc1", 2, 2, "relu"),
                LayerSpec.dense("fc2", 2, 2, "relu"), LayerSpec.output("out", 2, 2)));
        FixedProbe p = new FixedProbe();
        // Dense: fc1 units (1, 0) then (0, 1); fc2 units (1, 1) on both examples.
        p.outputs = Nets.of(new float[]{1, 0, 0, 1}, new float[]{1, 1, 1, 1}, null);
        // With fc1 pruned, fc2's unit 1 goes silent on the second example: (1, 1), (1, 0).
        p.maskedOutputs = Nets.of(new float[]{1, 0, 0, 0}, new float[]{1, 1, 1, 0}, null);
        // fc2 reads fc1 with weights 2 (unit 0) and 1 (unit 1); out reads fc2 with a_0 = (1, 0), a_1 = (0, 1).
        float[] fc1 = {1, 0, 0, 1};
        float[] fc2 = {2, 1, 2, 1};
        float[] out = {1, 0, 0, 1};
        ScoreInputs in = new ScoreInputs(net, Nets.of(fc1, fc2, out), Nets.ones(net), 1, p);
        List<float[]> m = new ISpaSP(1, 2).prune(in, new boolean[]{true, true, false}, 0.5, false);
        // fc1: a = (2, 2) and (1, 1), h = (1, 0) and (0, 1): G = [[8, 0], [0, 2]], unit 0 stays.
        assertTrue(Units.alive(net, m, 0, 0));
        assertFalse(Units.alive(net, m, 0, 1));
        // fc2, on the pruned outputs h' = (1, 1) and (1, 0) against the dense h = (1, 1), (1, 1):
        // G' = diag(2, 1), <Y, c'_i> = (2, 1); unit 0 has the larger least-squares weight.
        assertTrue(Units.alive(net, m, 1, 0));
        assertFalse(Units.alive(net, m, 1, 1));
        assertEquals(List.of("0+2", "0+2 masked"), p.outputCalls);
    }

    @Test
    void theTargetsCorrelationsDecideWhenTheyAreGiven() {
        // G' = diag(2, 1) with the target's correlations (0.5, 1): b = (0.25, 1), weighed by
        // ||c'|| = (sqrt 2, 1): 0.354 against 1, so unit 1 stays though its own energy is lower.
        assertEquals(List.of(1), ISpaSP.round(new double[][]{{2, 0}, {0, 1}}, new double[]{0.5, 1}, List.of(), 1));
    }

    @Test
    void leastSquaresSolvesASmallSystem() {
        double[] x = ISpaSP.solve(new double[][]{{0, 2}, {4, 1}}, new double[]{2, 9});
        assertArrayEquals(new double[]{2, 1}, x, 1e-12);
    }

    /**
     * A conv of three channels (2 x 2 maps) read by a 2 x 2 conv of two filters with no padding: one
     * output position, so channel i contributes c_i = (a_0i . h_i, a_1i . h_i), a_vi filter v's four
     * taps on channel i. Filter 0 reads the first position of channels 0 (weight 1) and 1 (weight
     * -1), filter 1 the last position of channel 2; the other values of the maps do not count.
     * Example 1: h_0 = (1, 5, 5, 5), h_1 = (1, 7, 7, 7), h_2 = (9, 9, 9, 0.2), so c_0 = (1, 0),
     * c_1 = (-1, 0), c_2 = (0, 0.2); example 2: h_0 = (0, 1, 1, 1), h_1 = (2, 0, 0, 0), h_2 = 0, so
     * c_1 = (-2, 0) and the others 0. G = sum over examples of c_i . c_j
     * = [[1, -1, 0], [-1, 5, 0], [0, 0, 0.04]].
     */
    private static NetworkSpec convNet() {
        return NetworkSpec.sequential("tiny", 1, 2, 2, List.of(LayerSpec.conv("conv1", 1, 3, 1, 0, 0, 2, "relu"),
                LayerSpec.conv("conv2", 3, 2, 2, 0, 0, 2, "relu"), LayerSpec.output("out", 2, 2)));
    }

    private static ScoreInputs convInputs(FixedProbe probe) {
        NetworkSpec net = convNet();
        float[] conv2 = {1, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        return new ScoreInputs(net, Nets.of(new float[]{1, 1, 1}, conv2, new float[]{1, 1, 1, 1}), Nets.ones(net), 1,
                probe);
    }

    private static FixedProbe convProbe() {
        FixedProbe p = new FixedProbe();
        p.outputs = Nets.of(new float[]{1, 5, 5, 5, 1, 7, 7, 7, 9, 9, 9, 0.2f, 0, 1, 1, 1, 2, 0, 0, 0, 0, 0, 0, 0},
                new float[]{0, 0, 0, 0}, null);
        return p;
    }

    @Test
    void aConvsChannelsContributeThroughTheReadersKernelTaps() {
        FixedProbe p = convProbe();
        double[][] g = ISpaSP.gram(convInputs(p), 0, new int[]{0, 1, 2}, p.outputs.get(0));
        assertArrayEquals(new double[]{1, -1, 0}, g[0], 1e-6);
        assertArrayEquals(new double[]{-1, 5, 0}, g[1], 1e-6);
        assertArrayEquals(new double[]{0, 0, 0.04}, g[2], 1e-6);
        assertEquals(null, new ISpaSP(1, 2).refuses(convNet(), 0));
    }

    @Test
    void itKeepsTheChannelTheLeastSquaresFitWeighsMost() {
        // <Y, c_i> = row sums of G = (0, 4, 0.04); the top two {1, 2} merged; least squares on them:
        // diag(5, 0.04) b = (4, 0.04), b = (0.8, 1), weighed by ||c|| = (sqrt 5, 0.2): channel 1 stays.
        NetworkSpec net = convNet();
        List<float[]> m = new ISpaSP(1, 2).prune(convInputs(convProbe()), new boolean[]{true, false, false},
                2.0 / 3, false);
        assertTrue(Units.alive(net, m, 0, 1));
        assertFalse(Units.alive(net, m, 0, 0));
        assertFalse(Units.alive(net, m, 0, 2));
        // conv2's slices of the removed channels go with them.
        assertEquals(0f, m.get(1)[0]);
        assertEquals(1f, m.get(1)[4]);
    }

    @Test
    void aStridedPaddedConvReadsTheMapPositionsItsKernelMeets() {
        // A 3 x 3 kernel, stride 2, padding 1, on a 4 x 4 map: 2 x 2 outputs. At (0, 0) the kernel's
        // first row and column fall in the padding; at (1, 1) it covers rows and columns 1 to 3.
        LayerSpec reader = new LayerSpec("c", dev.prune.engine.LayerKind.CONV, 1, 1, 3, 1, 0, 4, "relu", 2, 1, true);
        int[][] t = ISpaSP.taps(reader, 9);
        assertArrayEquals(new int[]{-1, -1, -1, -1, 0, 1, -1, 4, 5}, t[0]);
        assertArrayEquals(new int[]{5, 6, 7, 9, 10, 11, 13, 14, 15}, t[3]);
        assertEquals(4, t.length);
    }

    @Test
    void itNeedsARoundAndAnExample() {
        assertThrows(IllegalArgumentException.class, () -> new ISpaSP(0, 10));
        assertEquals(java.util.Set.of(Need.ACTIVATIONS), new ISpaSP(1, 1).needs());
        assertTrue(new ISpaSP(1, 1).structured());
    }
}

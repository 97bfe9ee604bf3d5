package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.ChannelGroupsTest;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Network slimming's criterion on small graphs, checked against hand-computed masks. */
class BnScaleTest {
    /** conv1 (4) -> bn -> relu -> conv2 (3) -> bn -> relu -> conv3 (2, no batch norm) -> pool -> fc (2). */
    static NetworkSpec chain() {
        return new NetworkSpec("chain", 1, 4, 4, List.of(
                Node.conv("conv1", NetworkSpec.INPUT, 4, 3, 1, 1, false, "identity"),
                Node.batchNorm("bn1", "conv1"),
                Node.activation("relu1", "bn1", "relu"),
                Node.conv("conv2", "relu1", 3, 3, 1, 1, false, "identity"),
                Node.batchNorm("bn2", "conv2"),
                Node.activation("relu2", "bn2", "relu"),
                Node.conv("conv3", "relu2", 2, 3, 1, 1, true, "relu"),
                Node.globalAvgPool("pool", "conv3"),
                Node.output("fc", "pool", 2)));
    }

    private static final List<float[]> GAMMAS = Nets.of(new float[]{0.5f, -0.1f, 0.02f, 0.9f},
            new float[]{-0.3f, 0.05f, 0.7f}, null, null);
    private static final boolean[] CONVS = {true, true, true, false};

    private static ScoreInputs inputs(NetworkSpec net, List<float[]> gammas) {
        FixedProbe probe = new FixedProbe();
        probe.normScales = gammas;
        return new ScoreInputs(net, Nets.ones(net), Nets.ones(net), 1, probe);
    }

    private static boolean gone(NetworkSpec net, List<float[]> m, int l, int u) {
        return Units.inPruned(net, m.get(l), l, u);
    }

    @Test
    void aChannelScoresTheMagnitudeOfItsGammaAndALayerWithoutBatchNormNone() {
        List<float[]> s = new BnScale().unitScores(inputs(chain(), GAMMAS));
        assertArrayEquals(new float[]{0.5f, 0.1f, 0.02f, 0.9f}, s.get(0));
        assertArrayEquals(new float[]{0.3f, 0.05f, 0.7f}, s.get(1));
        assertNull(s.get(2));
        assertNull(new BnScale().refuses(chain(), 1));
        assertEquals("bn_scale ranks a layer's channels by the gamma of the batch norm right after it, and 'conv3' "
                + "has none", new BnScale().refuses(chain(), 2));
    }

    @Test
    void globalPruningIsOneThresholdOverTheGammasOfAllLayers() {
        NetworkSpec net = chain();
        // 7 channels with a batch norm (conv3 takes no part), ceil(40% of 7) = 3 go: |γ| 0.02, 0.05, 0.1.
        List<float[]> m = new BnScale().prune(inputs(net, GAMMAS), CONVS, 0.4, true);
        boolean[][] expected = {{false, true, true, false}, {false, true, false}, {false, false}};
        for (int l = 0; l < 3; l++) {
            for (int u = 0; u < expected[l].length; u++) {
                assertEquals(expected[l][u], gone(net, m, l, u), "layer " + l + " unit " + u);
            }
        }
        // conv2's channel 1 is gone from conv3's input too (9 weights per filter and channel).
        assertEquals(0f, m.get(2)[9]);
        assertEquals(1f, m.get(2)[0]);
        assertArrayEquals(new boolean[]{true, false, false, true, true, false, true},
                BnScale.keptChannels(net, GAMMAS, Nets.ones(net), 0.4));
    }

    @Test
    void layerwisePruningTakesTheRateOfEachLayer() {
        NetworkSpec net = chain();
        // conv1: ceil(40% of 4) = 2 (0.02, 0.1); conv2: ceil(40% of 3) = 2 (0.05, 0.3).
        List<float[]> m = new BnScale().prune(inputs(net, GAMMAS), CONVS, 0.4, false);
        assertTrue(gone(net, m, 0, 1) && gone(net, m, 0, 2) && !gone(net, m, 0, 0) && !gone(net, m, 0, 3));
        assertTrue(gone(net, m, 1, 0) && gone(net, m, 1, 1) && !gone(net, m, 1, 2));
    }

    @Test
    void aCoupledChannelOfAResidualStreamScoresTheSumOfItsWritersGammas() {
        NetworkSpec net = ChannelGroupsTest.twoBlocks(false);
        List<float[]> gammas = Nets.of(new float[]{1, 0.2f, -0.5f, 0.1f}, new float[]{0.4f, 0.3f, 0.2f, 0.1f},
                new float[]{0.1f, -0.1f, 0.3f, 0.2f}, new float[]{1, 1, 1, 1, 1, 1, 1, 1},
                new float[]{0.5f, 0.1f, 0.1f, 0.4f, 0.3f, 0.05f, 0.6f, 0.2f}, null);
        List<float[]> m = new BnScale().prune(inputs(net, gammas), new boolean[]{true, true, true, true, true, false},
                0.5, false);
        // Stream channels (stem + b1.conv2 + b2.conv2 for 0..3, b2.conv2 alone for 4..7):
        // 1.6, 0.4, 0.9, 0.7, 0.3, 0.05, 0.6, 0.2; half of 8 go: 5, 7, 4, 1. Channel 2 stays,
        // though b2.conv2's own |γ| there (0.1) is among its lowest.
        for (int c = 0; c < 8; c++) {
            boolean out = c == 1 || c == 4 || c == 5 || c == 7;
            assertEquals(out, gone(net, m, 4, c), "b2.conv2 channel " + c);
            if (c < 4) {
                assertEquals(out, gone(net, m, 0, c), "stem channel " + c);
                assertEquals(out, gone(net, m, 2, c), "b1.conv2 channel " + c);
            }
        }
        // b1.conv1, a group of its own: 0.1 and 0.2 go.
        assertTrue(gone(net, m, 1, 3) && gone(net, m, 1, 2) && !gone(net, m, 1, 1));
    }
}

package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.ChannelGroups;
import dev.prune.engine.ChannelGroupsTest;
import dev.prune.engine.NetworkSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coupled channels removed together on a two-block residual net (option A), checked by hand. */
class GroupPlannerTest {
    private static final boolean[] CONVS = {true, true, true, true, true, false};

    /** Unit scores: stem, b1.conv1, b1.conv2, b2.conv1, b2.conv2, fc (not scored). */
    private static List<float[]> scores() {
        return Nets.of(new float[]{4, 0, 2, 1}, new float[]{3, 1, 2, 4}, new float[]{0, 1, 0, 5},
                new float[]{0, 1, 2, 3, 4, 5, 6, 7}, new float[]{1, 1, 1, 1, 0.5f, 6, 0.1f, 3}, null);
    }

    private static boolean rowZero(NetworkSpec net, float[] m, int l, int u) {
        return Units.inPruned(net, m, l, u);
    }

    @Test
    void aChannelOfTheResidualStreamGoesFromEveryLayerThatWritesOrReadsIt() {
        NetworkSpec net = ChannelGroupsTest.twoBlocks(false);
        assertTrue(GroupPlanner.needed(net));
        List<float[]> m = UnitPlanner.prune(net, scores(), Nets.ones(net), CONVS, 0.5, false);
        // Stream channel scores (sums over stem, b1.conv2, b2.conv2): 5, 2, 3, 7, 0.5, 6, 0.1, 3.
        // Half of 8: 0.1 (c6), 0.5 (c4), 2 (c1), then 3 (c2 before c7 on the tie).
        for (int c = 0; c < 8; c++) {
            boolean gone = c == 1 || c == 2 || c == 4 || c == 6;
            assertEquals(gone, rowZero(net, m.get(4), 4, c), "b2.conv2 filter " + c);
            if (c < 4) {
                assertEquals(gone, rowZero(net, m.get(0), 0, c), "stem filter " + c);
                assertEquals(gone, rowZero(net, m.get(2), 2, c), "b1.conv2 filter " + c);
            }
            for (int k = 0; k < 3; k++) {
                assertEquals(gone ? 0f : 1f, m.get(5)[k * 8 + c], "fc input " + c);
            }
        }
        // b1.conv1 loses filters 1 and 2 (its own group) and input channels 1 and 2 (the stream's).
        float[] conv1 = m.get(1);
        for (int u = 0; u < 4; u++) {
            for (int ch = 0; ch < 4; ch++) {
                float expected = u == 1 || u == 2 || ch == 1 || ch == 2 ? 0f : 1f;
                for (int k = 0; k < 9; k++) {
                    assertEquals(expected, conv1[u * 36 + ch * 9 + k], "b1.conv1 unit " + u + " channel " + ch);
                }
            }
        }
        // b2.conv1 loses filters 0..3, and b2.conv2 their input channels.
        for (int u = 0; u < 8; u++) {
            assertEquals(u < 4, rowZero(net, m.get(3), 3, u));
            assertEquals(u < 4 ? 0f : 1f, m.get(4)[7 * 72 + u * 9]);
        }
        assertEquals(0.5, UnitPlanner.sparsity(net, m, List.of(0, 2, 4)), 1e-12);
        // Again half of the 4 left: 3 (c7) and 5 (c0).
        List<float[]> again = UnitPlanner.prune(net, scores(), m, CONVS, 0.5, false);
        assertTrue(rowZero(net, again.get(4), 4, 7) && rowZero(net, again.get(0), 0, 0));
        assertEquals(0.75, UnitPlanner.sparsity(net, again, List.of(0)), 1e-12);
    }

    @Test
    void globalPruningRanksChannelsOfAllGroupsTogether() {
        NetworkSpec net = ChannelGroupsTest.twoBlocks(false);
        // 20 channels in three groups, 10 go: the 10 lowest of 0,0.1,0.5,1,1,2,2,3,3,3,... with ties by group.
        List<float[]> m = UnitPlanner.prune(net, scores(), Nets.ones(net), CONVS, 0.5, true);
        ChannelGroups groups = new ChannelGroups(net);
        int gone = 0;
        for (ChannelGroups.Group g : GroupPlanner.chosen(groups, CONVS)) {
            for (ChannelGroups.Channel c : g.channels()) {
                gone += GroupPlanner.alive(net, m, c) ? 0 : 1;
            }
        }
        assertEquals(10, gone);
        // b2.conv1's 0, 1, 2, 3 (tie with the stream's 3s broken by group: stream first) ...
        assertTrue(rowZero(net, m.get(3), 3, 0) && rowZero(net, m.get(3), 3, 1) && rowZero(net, m.get(3), 3, 2));
        // ... and the stream's 0.1, 0.5, 2, 3, 3; b1.conv1's 1, 2.
        assertTrue(rowZero(net, m.get(4), 4, 6) && rowZero(net, m.get(4), 4, 4) && rowZero(net, m.get(0), 0, 1));
        assertTrue(rowZero(net, m.get(0), 0, 2) && rowZero(net, m.get(4), 4, 7));
        assertTrue(rowZero(net, m.get(1), 1, 1) && rowZero(net, m.get(1), 1, 2));
    }

    @Test
    void firstConvsOfEachBlockNeedNoCouplingAndASplitStreamIsNamed() {
        NetworkSpec net = ChannelGroupsTest.twoBlocks(false);
        boolean[] conv1s = {false, true, false, true, false, false};
        assertNull(GroupPlanner.split(net, conv1s));
        List<float[]> m = UnitPlanner.prune(net, scores(), Nets.ones(net), conv1s, 0.5, false);
        assertTrue(rowZero(net, m.get(1), 1, 1) && !rowZero(net, m.get(0), 0, 1));
        boolean[] one = {false, false, true, false, false, false};
        assertEquals("the selection takes layer 'b1.conv2' but not 'stem', and a residual add makes them write the "
                + "same channels (group 'stem', 3 layers); select all of them, or only layers outside residual "
                + "streams such as each block's first conv", GroupPlanner.split(net, one));
        // The left-out layer named is one the selection leaves out, wherever it comes in the group.
        boolean[] stem = {true, false, false, false, false, false};
        assertEquals("the selection takes layer 'stem' but not 'b1.conv2', and a residual add makes them write the "
                + "same channels (group 'stem', 3 layers); select all of them, or only layers outside residual "
                + "streams such as each block's first conv", GroupPlanner.split(net, stem));
    }

    @Test
    void aNetworkWithoutResidualAddsNeedsNoGroups() {
        assertFalse(GroupPlanner.needed(Nets.convFlatten()));
        assertFalse(GroupPlanner.needed(Nets.mlp342()));
    }
}

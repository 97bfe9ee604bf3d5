package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.Cut;
import dev.prune.engine.LayerKind;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.UnitActivity;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whole-unit criteria, unit masks and the smaller network, on networks small enough to check by hand. */
class StructuredTest {
    private static final boolean[] HIDDEN = {true, false};

    @Test
    void unitNormIsTheNormOfTheKeptIncomingWeights() {
        NetworkSpec net = NetworkSpec.sequential("n", 1, 1, 3, List.of(dev.prune.engine.LayerSpec.dense("fc1", 3, 2, "relu"),
                dev.prune.engine.LayerSpec.output("out", 2, 2)));
        List<float[]> w = Nets.of(new float[]{1, -2, 3, 0.5f, 0.5f, -0.5f}, new float[]{1, 1, 1, 1});
        List<float[]> masks = Nets.ones(net);
        ScoreInputs in = new ScoreInputs(net, w, masks, 1);
        assertArrayEquals(new float[]{6, 1.5f}, new UnitNorm(false, Set.of(LayerKind.DENSE)).unitScores(in).get(0), 1e-6f);
        assertArrayEquals(new float[]{(float) Math.sqrt(14), (float) Math.sqrt(0.75)},
                new UnitNorm(true, Set.of(LayerKind.DENSE)).unitScores(in).get(0), 1e-6f);
        masks.get(0)[2] = 0f;
        assertEquals(3f, new UnitNorm(false, Set.of(LayerKind.DENSE)).unitScores(in).get(0)[0], 1e-6f);
    }

    @Test
    void removingANeuronClearsItsRowAndItsColumnInTheNextLayer() {
        NetworkSpec net = Nets.mlp342();
        List<float[]> scores = Nets.of(new float[]{0.4f, 0.1f, 0.3f, 0.2f}, null);
        List<float[]> m = UnitPlanner.prune(net, scores, Nets.ones(net), HIDDEN, 0.5, false);
        // Units 1 and 3 go: fc1 positions 3..5 and 9..11; out positions v*4+1 and v*4+3.
        assertArrayEquals(new float[]{1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0}, m.get(0));
        assertArrayEquals(new float[]{1, 0, 1, 0, 1, 0, 1, 0}, m.get(1));
        assertEquals(0.5, UnitPlanner.sparsity(net, m, List.of(0)), 1e-12);
        // 50% of the 2 left is one more: unit 3 is gone already, so unit 2 (0.3) goes next.
        List<float[]> again = UnitPlanner.prune(net, scores, m, HIDDEN, 0.5, false);
        assertEquals(1, Units.aliveCount(net, again, 0));
        assertTrue(Units.alive(net, again, 0, 0));
    }

    @Test
    void aLayerKeepsAtLeastOneUnit() {
        NetworkSpec net = Nets.mlp342();
        List<float[]> m = UnitPlanner.prune(net, Nets.of(new float[]{4, 3, 2, 1}, null), Nets.ones(net), HIDDEN, 0.99,
                false);
        assertEquals(1, Units.aliveCount(net, m, 0));
        assertTrue(Units.alive(net, m, 0, 0));
    }

    /**
     * A unit whose every outgoing weight is pruned no longer takes part, though its incoming ones are
     * kept: fc1's unit 1 with out's column 1 pruned; conv1's filter 1 once fc1's inputs 4..7 (its
     * whole 2x2 map) are, but not while one of them is left. The output layer feeds nothing.
     */
    @Test
    void aUnitWhoseOutgoingWeightsArePrunedIsNoLongerAlive() {
        NetworkSpec mlp = Nets.mlp342();
        List<float[]> m = Nets.ones(mlp);
        m.get(1)[1] = 0f;
        m.get(1)[5] = 0f;
        assertTrue(Units.outPruned(mlp, m, 0, 1));
        assertFalse(Units.alive(mlp, m, 0, 1));
        assertFalse(Units.outPruned(mlp, m, 0, 0));
        assertTrue(Units.alive(mlp, m, 0, 0));
        assertEquals(3, Units.aliveCount(mlp, m, 0));
        assertFalse(Units.outPruned(mlp, m, 1, 0));
        NetworkSpec conv = Nets.convFlatten();
        List<float[]> c = Nets.ones(conv);
        for (int v = 0; v < 3; v++) {
            java.util.Arrays.fill(c.get(1), v * 8 + 4, v * 8 + 7, 0f);
        }
        assertFalse(Units.outPruned(conv, c, 0, 1));
        c.get(1)[2 * 8 + 7] = 0f;
        c.get(1)[8 + 7] = 0f;
        assertFalse(Units.outPruned(conv, c, 0, 1));
        c.get(1)[7] = 0f;
        assertTrue(Units.outPruned(conv, c, 0, 1));
        assertFalse(Units.outPruned(conv, c, 0, 0));
    }

    @Test
    void aFilterFeedsItsWholeFlattenedMapIntoTheDenseLayer() {
        NetworkSpec net = Nets.convFlatten();
        assertEquals(4, Units.span(net, 0));
        List<float[]> m = Nets.ones(net);
        Units.remove(net, m, 0, 1);
        assertArrayEquals(new float[]{1, 0}, m.get(0));
        for (int v = 0; v < 3; v++) {
            for (int j = 0; j < 8; j++) {
                assertEquals(j >= 4 ? 0f : 1f, m.get(1)[v * 8 + j], "fc1 unit " + v + " input " + j);
            }
        }
        assertFalse(Units.alive(net, m, 0, 1));
    }

    @Test
    void aFilterFeedsOneInputChannelOfTheNextConv() {
        NetworkSpec net = NetworkSpec.sequential("cc", 1, 6, 6, List.of(
                dev.prune.engine.LayerSpec.conv("conv1", 1, 3, 3, 1, 2, 6, "relu"),
                dev.prune.engine.LayerSpec.conv("conv2", 3, 2, 2, 0, 0, 3, "relu"),
                dev.prune.engine.LayerSpec.dense("fc1", 8, 2, "relu"),
                dev.prune.engine.LayerSpec.output("out", 2, 2)));
        assertEquals(4, Units.span(net, 0));
        assertEquals(4, Units.span(net, 1));
        List<float[]> m = Nets.ones(net);
        Units.remove(net, m, 0, 2);
        // conv2 has fan-in 3*2*2 = 12; input channel 2 is positions 8..11 of each filter.
        for (int v = 0; v < 2; v++) {
            for (int j = 0; j < 12; j++) {
                assertEquals(j >= 8 ? 0f : 1f, m.get(1)[v * 12 + j]);
            }
        }
    }

    @Test
    void globalPoolsCompareUnitsAcrossLayers() {
        NetworkSpec net = NetworkSpec.sequential("m", 1, 1, 2, List.of(dev.prune.engine.LayerSpec.dense("fc1", 2, 3, "relu"),
                dev.prune.engine.LayerSpec.dense("fc2", 3, 3, "relu"), dev.prune.engine.LayerSpec.output("out", 3, 2)));
        List<float[]> scores = Nets.of(new float[]{5, 6, 7}, new float[]{1, 2, 8}, null);
        List<float[]> m = UnitPlanner.prune(net, scores, Nets.ones(net), new boolean[]{true, true, false}, 0.34, true);
        // ceil(0.34 * 6) = 3 of the 6: fc2's 0 and 1, then fc1's 0 (5).
        assertEquals(2, Units.aliveCount(net, m, 0));
        assertEquals(1, Units.aliveCount(net, m, 1));
        assertTrue(Units.alive(net, m, 1, 2));
    }

    @Test
    void dropnetVariantsAndApozReadTheActivity() {
        NetworkSpec net = Nets.mlp342();
        FixedProbe p = new FixedProbe();
        p.activity = new UnitActivity(Nets.of(new float[]{0.2f, 0.9f, 0.5f, 0.1f}, new float[]{1, 1}),
                Nets.of(new float[]{0.5f, 0, 0.25f, 0.75f}, new float[]{0, 0}), 100);
        ScoreInputs in = new ScoreInputs(net, Nets.ones(net), Nets.ones(net), 3, p);
        List<float[]> min = new MeanActivation(MeanActivation.Variant.MIN, 0).prune(in, HIDDEN, 0.25, false);
        assertFalse(Units.alive(net, min, 0, 3));
        List<float[]> max = new MeanActivation(MeanActivation.Variant.MAX, 0).prune(in, HIDDEN, 0.25, false);
        assertFalse(Units.alive(net, max, 0, 1));
        assertArrayEquals(new float[]{0.5f, 1, 0.75f, 0.25f}, new Apoz(0).unitScores(in).get(0), 1e-6f);
        List<float[]> apoz = new Apoz(0).prune(in, HIDDEN, 0.5, false);
        assertFalse(Units.alive(net, apoz, 0, 3));
        assertFalse(Units.alive(net, apoz, 0, 0));
        List<float[]> random = new MeanActivation(MeanActivation.Variant.RANDOM, 0).prune(in, HIDDEN, 0.5, false);
        assertEquals(2, Units.aliveCount(net, random, 0));
        assertTrue(new MeanActivation(MeanActivation.Variant.RANDOM, 0).needs().isEmpty());
    }

    @Test
    void compactionKeepsTheUnitsThatFeedSomethingAndSlicesTheirWeights() {
        NetworkSpec net = Nets.mlp342();
        List<float[]> m = UnitPlanner.prune(net, Nets.of(new float[]{0.4f, 0.1f, 0.3f, 0.2f}, null), Nets.ones(net),
                HIDDEN, 0.5, false);
        Cut cut = Compaction.cut(net, m);
        assertArrayEquals(new int[]{0, 2}, cut.units().get(0));
        assertArrayEquals(new int[]{0, 1}, cut.units().get(1));
        NetworkSpec small = cut.after();
        assertEquals(List.of(3, 2), small.layers().stream().map(l -> l.nIn()).toList());
        assertEquals(List.of(2, 2), small.layers().stream().map(l -> l.nOut()).toList());
        float[] fc1 = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        float[] out = {1, 2, 3, 4, 5, 6, 7, 8};
        assertArrayEquals(new float[]{1, 2, 3, 7, 8, 9}, Compaction.slice(cut, 0, fc1));
        assertArrayEquals(new float[]{1, 3, 5, 7}, Compaction.slice(cut, 1, out));
        assertFalse(cut.keepsAll());
    }

    @Test
    void compactionExpandsAKeptFilterToItsMapAtTheFlatten() {
        NetworkSpec net = Nets.convFlatten();
        List<float[]> m = Nets.ones(net);
        Units.remove(net, m, 0, 0);
        Cut cut = Compaction.cut(net, m);
        assertArrayEquals(new int[]{1}, cut.units().get(0));
        assertArrayEquals(new int[]{4, 5, 6, 7}, cut.inputs().get(1));
        NetworkSpec small = cut.after();
        assertEquals(4, small.layers().get(1).nIn());
        float[] fc1 = new float[24];
        for (int i = 0; i < fc1.length; i++) {
            fc1[i] = i;
        }
        assertArrayEquals(new float[]{4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23}, Compaction.slice(cut, 1, fc1));
    }
}

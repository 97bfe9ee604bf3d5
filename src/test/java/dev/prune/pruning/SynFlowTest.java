package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SynFlowTest {

    @Test
    void denseScoresFollowTheHandComputation() {
        NetworkSpec net = NetworkSpec.sequential("n", 1, 1, 2, List.of(LayerSpec.dense("fc1", 2, 2, "relu"),
                LayerSpec.output("out", 2, 1)));
        // |W0| = [[1, 2], [3, 4]], |W1| = [0.5, 1]; ones in: a1 = [3, 7], R = 0.5*3 + 7 = 8.5.
        // dR/dW1 = a1, so W1 scores [1.5, 7]; dR/da1 = [0.5, 1], so W0 scores [0.5, 1, 3, 4].
        List<float[]> s = SynapticFlow.scores(net, Nets.of(new float[]{1, 2, 3, -4}, new float[]{0.5f, -1}),
                Nets.ones(net));
        assertArrayEquals(new float[]{0.5f, 1, 3, 4}, s.get(0), 1e-6f);
        assertArrayEquals(new float[]{1.5f, 7}, s.get(1), 1e-6f);
    }

    @Test
    void convScoresFollowTheHandComputation() {
        // 3x3 input of ones, one 2x2 filter [[1, 2], [3, 4]] without padding: four outputs of 10,
        // R = 40 through an output of weights 1. Each kernel weight sees 4 positions: scores 4|k|.
        NetworkSpec net = NetworkSpec.sequential("c", 1, 3, 3, List.of(LayerSpec.conv("conv1", 1, 1, 2, 0, 0, 3, "relu"),
                LayerSpec.output("out", 4, 1)));
        List<float[]> s = SynapticFlow.scores(net, Nets.of(new float[]{1, 2, 3, 4}, new float[]{1, 1, 1, 1}),
                Nets.ones(net));
        assertArrayEquals(new float[]{4, 8, 12, 16}, s.get(0), 1e-5f);
        assertArrayEquals(new float[]{10, 10, 10, 10}, s.get(1), 1e-5f);
    }

    @Test
    void everyLayerCarriesTheSameTotalFlowThroughPaddingAndPooling() {
        NetworkSpec net = NetworkSpec.sequential("lenet", 1, 12, 12, List.of(
                LayerSpec.conv("conv1", 1, 3, 3, 1, 2, 12, "relu"),
                LayerSpec.conv("conv2", 3, 4, 3, 0, 2, 6, "relu"),
                LayerSpec.dense("fc1", 16, 5, "relu"), LayerSpec.output("out", 5, 3)));
        List<float[]> w = random(net, 3);
        List<float[]> masks = Nets.ones(net);
        masks.get(1)[7] = 0f;
        List<float[]> s = SynapticFlow.scores(net, w, masks);
        double first = sum(s.get(0));
        for (float[] layer : s) {
            assertEquals(first, sum(layer), first * 1e-5);
        }
        assertEquals(0f, s.get(1)[7]);
    }

    @Test
    void roundsReachTheExactAmountAndCutTheWeakestPathsFirst() {
        NetworkSpec net = NetworkSpec.sequential("m", 1, 1, 20, List.of(LayerSpec.dense("fc1", 20, 10, "relu"),
                LayerSpec.output("out", 10, 4)));
        List<float[]> w = random(net, 5);
        ScoreInputs in = new ScoreInputs(net, w, Nets.ones(net), 1);
        List<float[]> m = new SynFlow(10).prune(in, new boolean[]{true, true}, 0.9, true);
        assertEquals(240 - MaskPlanner.count(0.9, 240), Density.kept(m));
        // One round is plain one-shot pruning by the flow scores.
        List<float[]> once = new SynFlow(1).prune(in, new boolean[]{true, true}, 0.9, true);
        List<float[]> oneShot = MaskPlanner.prune(SynapticFlow.scores(net, w, Nets.ones(net)), Nets.ones(net),
                new boolean[]{true, true}, 0.9, true);
        assertArrayEquals(oneShot.get(0), once.get(0));
        assertArrayEquals(oneShot.get(1), once.get(1));
    }

    private static List<float[]> random(NetworkSpec net, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<float[]> out = new ArrayList<>();
        for (LayerSpec l : net.layers()) {
            float[] w = new float[l.weightCount()];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) r.nextGaussian();
            }
            out.add(w);
        }
        return out;
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float x : a) {
            s += x;
        }
        return s;
    }
}

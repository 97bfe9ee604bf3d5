package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.DataShape;
import dev.prune.builtins.GraphModels;
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

    /**
     * fc1 = [[1, 1], [3, 3]], out = [4, 1]: the scores are 4, 4, 3, 3 (|w| times the output weight
     * of its unit) and 8, 6 (|v| times its unit's incoming sum). Half of the 6 weights in one shot:
     * 3, 3 and the first 4, which cuts unit 0's path and leaves unit 1's output weight, now carrying
     * nothing. In two rounds the first goes to round(6 · (3/6)^(1/2)) = 4 weights (the two 3s); with
     * them gone unit 1's output weight scores 0 and is the one the second round takes.
     */
    @Test
    void iterativeRoundsRescoreAfterEachAndDoNotPruneWhatStillCarriesFlow() {
        NetworkSpec net = NetworkSpec.sequential("m", 1, 1, 2, List.of(LayerSpec.dense("fc1", 2, 2, "relu"),
                LayerSpec.output("out", 2, 1)));
        ScoreInputs in = new ScoreInputs(net, Nets.of(new float[]{1, 1, 3, 3}, new float[]{4, 1}), Nets.ones(net), 1);
        boolean[] both = {true, true};
        List<float[]> once = new SynFlow(1).prune(in, both, 0.5, true);
        assertArrayEquals(new float[]{0, 1, 0, 0}, once.get(0));
        assertArrayEquals(new float[]{1, 1}, once.get(1));
        List<float[]> twice = new SynFlow(2).prune(in, both, 0.5, true);
        assertArrayEquals(new float[]{1, 1, 0, 0}, twice.get(0));
        assertArrayEquals(new float[]{1, 0}, twice.get(1));
        assertArrayEquals(new float[]{4, 4, 3, 3}, new SynFlow(2).scores(in).get(0), 1e-6f);
        assertArrayEquals(new float[]{8, 6}, new SynFlow(2).scores(in).get(1), 1e-6f);
    }

    @Test
    void theFlowFollowsResidualAddsShortcutsAndBatchNorm() {
        NetworkSpec net = GraphModels.resnet(new DataShape(1, 8, 8, 10), 8, false);
        List<float[]> w = scaled(random(net, 7), 0.2f);
        List<float[]> s = SynapticFlow.scores(net, w, Nets.ones(net));
        int stem = net.indexOf("stem").orElseThrow();
        int fc = net.indexOf("fc").orElseThrow();
        // R is linear in the weights of a layer every path crosses, so that layer's scores sum to R.
        double r = sum(s.get(fc));
        assertEquals(r, sum(s.get(stem)), r * 1e-5);
        for (int stage = 1; stage <= 3; stage++) {
            String p = "stage" + stage + ".block1.";
            double conv1 = sum(s.get(net.indexOf(p + "conv1").orElseThrow()));
            assertEquals(conv1, sum(s.get(net.indexOf(p + "conv2").orElseThrow())), conv1 * 1e-5, p);
            assertTrue(conv1 < r, "part of the flow takes the shortcut around " + p);
        }
        // dR/dw against a difference quotient, through a stride-2 conv whose block has a zero-pad shortcut.
        int l = net.indexOf("stage2.block1.conv1").orElseThrow();
        for (int i : new int[]{0, 17, w.get(l).length - 1}) {
            List<float[]> bumped = new ArrayList<>(w);
            bumped.set(l, w.get(l).clone());
            float step = Math.abs(w.get(l)[i]) * 1e-3f;
            bumped.get(l)[i] = Math.abs(w.get(l)[i]) + step;
            double r2 = sum(SynapticFlow.scores(net, bumped, Nets.ones(net)).get(fc));
            double expected = (r2 - r) / step * Math.abs(w.get(l)[i]);
            assertEquals(expected, s.get(l)[i], Math.abs(expected) * 1e-2 + r * 1e-6, "weight " + i);
        }
    }

    @Test
    void batchNormInEvaluationModeAtItsInitialStatisticsOnlyScalesTheFlow() {
        NetworkSpec plain = GraphModels.vgg(new DataShape(1, 16, 16, 4), 11, false);
        NetworkSpec bn = GraphModels.vgg(new DataShape(1, 16, 16, 4), 11, true);
        List<float[]> w = scaled(random(plain, 9), 0.2f);
        List<float[]> a = SynapticFlow.scores(plain, w, Nets.ones(plain));
        List<float[]> b = SynapticFlow.scores(bn, w, Nets.ones(bn));
        // Eight BN nodes on every path, each 1/sqrt(1 + 1e-5).
        double factor = Math.pow(SynapticFlow.BN_SCALE, 8);
        for (int l = 0; l < a.size(); l++) {
            assertEquals(sum(a.get(l)) * factor, sum(b.get(l)), sum(a.get(l)) * 1e-5, "layer " + l);
        }
    }

    private static List<float[]> scaled(List<float[]> w, float f) {
        for (float[] layer : w) {
            for (int i = 0; i < layer.length; i++) {
                layer[i] *= f;
            }
        }
        return w;
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

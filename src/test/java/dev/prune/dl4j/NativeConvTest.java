package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Convolution through the native ops computes what DL4J's Java path computes, up to float
 * rounding, and the same bits on every run.
 */
class NativeConvTest {

    @Test
    void trainsLikeDl4jsJavaPathUpToRounding() {
        ComputationGraph stock = network(false);
        ComputationGraph fast = network(true);
        assertTrue(fast.getLayer("conv1") instanceof NativeConv.Conv);
        assertTrue(fast.getLayer("conv1_pool") instanceof NativeConv.Pool);
        SplitArrays data = new SplitArrays(Fixtures.SMALL.train());
        data.shuffle(3);
        for (int i = 0; i < 5; i++) {
            stock.fit(new INDArray[] {data.batchFeatures(i, 50)}, new INDArray[] {data.batchLabels(i, 50)});
            fast.fit(new INDArray[] {data.batchFeatures(i, 50)}, new INDArray[] {data.batchLabels(i, 50)});
            assertEquals(stock.score(), fast.score(), 1e-5, "loss at iteration " + i);
        }
        float[] a = stock.params().data().asFloat();
        float[] b = fast.params().data().asFloat();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-4, "parameter " + i);
        }
        INDArray x = data.batchFeatures(6, 50);
        float[] outStock = stock.outputSingle(false, x).data().asFloat();
        float[] outFast = fast.outputSingle(false, x).data().asFloat();
        for (int i = 0; i < outStock.length; i++) {
            assertEquals(outStock[i], outFast[i], 1e-4, "output " + i);
        }
    }

    @Test
    void sameBitsOnEveryRun() {
        SplitArrays data = new SplitArrays(Fixtures.SMALL.train());
        data.shuffle(4);
        float[][] runs = new float[2][];
        for (int r = 0; r < 2; r++) {
            ComputationGraph net = network(true);
            for (int i = 0; i < 4; i++) {
                net.fit(new INDArray[] {data.batchFeatures(i, 50)}, new INDArray[] {data.batchLabels(i, 50)});
            }
            runs[r] = net.params().data().asFloat();
        }
        assertArrayEquals(runs[0], runs[1]);
    }

    /**
     * Max pooling's forward pass leaves oneDNN for libnd4j's own loop: a maximum, so DL4J's bits,
     * on real ReLU outputs (many exact zeros) and on a batch of one.
     */
    @Test
    void poolingForwardGivesDl4jsBits() {
        ComputationGraph stock = network(false);
        ComputationGraph fast = network(true);
        SplitArrays data = new SplitArrays(Fixtures.SMALL.train());
        for (int n : new int[] {40, 1}) {
            java.util.Map<String, INDArray> acts = fast.feedForward(data.features(0, n), false);
            for (String[] pair : new String[][] {{"conv1", "conv1_pool"}, {"conv2", "conv2_pool"}}) {
                INDArray in = acts.get(pair[0]);
                INDArray ours = fast.getLayer(pair[1]).activate(in, false, LayerWorkspaceMgr.noWorkspaces());
                INDArray theirs = stock.getLayer(pair[1]).activate(in, false, LayerWorkspaceMgr.noWorkspaces());
                assertArrayEquals(theirs.shape(), ours.shape(), pair[1]);
                assertArrayEquals(theirs.dup().data().asFloat(), ours.dup().data().asFloat(), pair[1]);
            }
        }
    }

    private static ComputationGraph network(boolean install) {
        ComputationGraph net = Fixtures.network(Fixtures.lenet5(), Fixtures.nesterov(), 0.05, 13);
        if (install) {
            NativeConv.install(net);
        }
        return net;
    }
}

package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.prune.data.Dataset;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Node;
import dev.prune.pruning.LowRank;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * LRPET's projection and i-SpaSP's unit outputs in the engine: LAPACK's SVD through ND4J gives
 * the matrices and singular values the plain Java decomposition gives, with a batch norm folded in
 * where one follows the layer, and the outputs are the activations unit activity averages.
 */
@Tag("slow")
class LowRankEngineTest {

    @Test
    void theEngineProjectsEachDenseHiddenLayerAsThePlainSvdDoes() {
        NetworkSpec spec = Fixtures.mlp(784, 12, 7, 10);
        try (Dl4jEngine engine = Fixtures.engine(spec, Fixtures.sgd(), 50, 3)) {
            List<float[]> before = engine.weights();
            List<UnaryOperator<double[]>> f = new ArrayList<>();
            for (var layer : spec.layers()) {
                f.add(LowRank.projected(layer) ? s -> LowRank.transfer(s, 3, true) : null);
            }
            List<double[]> sigma = engine.reshapeSpectrum(f);
            List<float[]> after = engine.weights();
            for (int l = 0; l < spec.layers().size(); l++) {
                var layer = spec.layers().get(l);
                if (!LowRank.projected(layer)) {
                    assertNull(sigma.get(l));
                    assertArrayEquals(before.get(l), after.get(l));
                    continue;
                }
                double[][] plain = new double[1][];
                float[] expected = LowRank.project(before.get(l), layer.nOut(), layer.fanIn(), 3, true, plain);
                assertArrayEquals(plain[0], sigma.get(l), 1e-5);
                assertArrayEquals(expected, after.get(l), 1e-5f);
                // Rank 3 now: the fourth singular value is gone, and the Frobenius norm is kept.
                double[][] again = new double[1][];
                LowRank.project(after.get(l), layer.nOut(), layer.fanIn(), 3, true, again);
                assertEquals(0, again[0][3], 1e-4);
                assertEquals(norm(before.get(l)), norm(after.get(l)), 1e-4);
            }
        }
    }

    @Test
    void unitOutputsAreTheActivationsExampleByExample() {
        NetworkSpec spec = Fixtures.mlp(784, 12, 7, 10);
        try (Dl4jEngine engine = Fixtures.engine(spec, Fixtures.sgd(), 50, 3)) {
            List<float[]> outputs = engine.unitOutputs(0, Fixtures.SMALL.train().count());
            var activity = engine.unitActivity(0);
            for (int l = 0; l < 2; l++) {
                int units = spec.layers().get(l).nOut();
                float[] o = outputs.get(l);
                for (int u = 0; u < units; u++) {
                    double sum = 0;
                    for (int e = 0; e < o.length / units; e++) {
                        sum += Math.abs(o[e * units + u]);
                    }
                    assertEquals(activity.meanAbs().get(l)[u], sum / (o.length / units), 1e-5);
                }
            }
            assertNull(outputs.get(2));
        }
    }

    @Test
    void aConvsUnitOutputsAreItsMapsAsItsReaderReadsThem() {
        NetworkSpec spec = Fixtures.lenet5();
        try (Dl4jEngine engine = Fixtures.engine(spec, Fixtures.sgd(), 50, 3)) {
            List<float[]> outputs = engine.unitOutputs(0, 4);
            Dataset train = Fixtures.SMALL.train();
            INDArray features = Nd4j.create(train.features(), new long[] {train.count(), train.inputSize()}, 'c');
            Map<String, INDArray> acts = engine.network().feedForward(features.get(NDArrayIndex.interval(0, 4),
                    NDArrayIndex.all()), false);
            // conv1's 6 maps after its ReLU and 2x2 pooling (14 x 14), conv2's 16 after pooling (5 x 5).
            assertEquals(4 * 6 * 14 * 14, outputs.get(0).length);
            assertArrayEquals(acts.get("conv1_pool").dup('c').data().asFloat(), outputs.get(0), 1e-6f);
            assertEquals(4 * 16 * 5 * 5, outputs.get(1).length);
            assertArrayEquals(acts.get("conv2_pool").dup('c').data().asFloat(), outputs.get(1), 1e-6f);
            assertEquals(4 * 120, outputs.get(2).length);
            assertNull(outputs.get(4));
        }
    }

    /**
     * A conv and a dense layer, each under a batch norm; the conv without bias, the dense with. No
     * ReLU after the norms: DL4J applies an activation layer in place on the array the norm's
     * output is read from, and the norms' own outputs are compared here.
     */
    private static final NetworkSpec NORMED = new NetworkSpec("normed", 1, 28, 28, List.of(
            Node.conv("conv1", NetworkSpec.INPUT, 6, 3, 2, 1, false, "identity"),
            Node.batchNorm("bn1", "conv1"),
            Node.globalAvgPool("pool", "bn1"),
            Node.dense("fc1", "pool", 5, "identity"),
            Node.batchNorm("bn2", "fc1"),
            Node.output("out", "bn2", 10)));

    /**
     * The engine computes in float32 (the norm's log10 of its standard deviation included): its
     * outputs match the double-precision folded computation to 2e-5 relative, 9e-6 seen.
     */
    private static final double FLOAT = 2e-5;

    @Test
    void aLayerUnderABatchNormIsProjectedFoldedAndComputesTheFoldedProjection() {
        try (Dl4jEngine engine = Fixtures.engine(NORMED, Fixtures.sgd(), 50, 3)) {
            // Training moves the running statistics; gamma set by hand makes the scales differ a lot.
            engine.train(Fixtures.constant(6, 1, 0.05), dev.prune.engine.TrainObserver.NONE);
            ComputationGraph net = engine.network();
            net.getLayer("bn1").getParam("gamma").assign(Nd4j.create(new float[] {3f, 0.2f, 1f, -0.5f, 2f, 0.1f},
                    new long[] {1, 6}));
            net.getLayer("bn2").getParam("gamma").assign(Nd4j.create(new float[] {0.3f, 2f, 1f, 4f, 0.5f},
                    new long[] {1, 5}));
            List<float[]> before = engine.weights();
            List<double[]> scales = List.of(scale(net.getLayer("bn1")), scale(net.getLayer("bn2")));
            List<UnaryOperator<double[]>> f = new ArrayList<>();
            for (var layer : NORMED.layers()) {
                f.add(LowRank.projected(layer) ? s -> LowRank.transfer(s, 2, true) : null);
            }
            List<double[]> sigma = engine.reshapeSpectrum(f);
            List<float[]> after = engine.weights();
            List<float[]> foldedProjected = new ArrayList<>();
            for (int l = 0; l < 2; l++) {
                var layer = NORMED.layers().get(l);
                double[][] plain = new double[1][];
                float[] expected = LowRank.projectFolded(before.get(l), layer.nOut(), layer.fanIn(), scales.get(l), 2,
                        true, plain);
                assertArrayEquals(plain[0], sigma.get(l), 1e-5);
                assertArrayEquals(expected, after.get(l), 1e-5f, layer.name());
                foldedProjected.add(LowRank.project(LowRank.fold(before.get(l), layer.fanIn(), scales.get(l)),
                        layer.nOut(), layer.fanIn(), 2, true, null));
            }
            assertArrayEquals(before.get(2), after.get(2));

            // In inference mode each batch norm's output is the folded projected layer's plus the folded shift.
            Dataset train = Fixtures.SMALL.train();
            INDArray features = Nd4j.create(train.features(), new long[] {train.count(), train.inputSize()}, 'c');
            Map<String, INDArray> acts = net.feedForward(features.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()),
                    false);
            float[] image = features.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()).dup('c').data().asFloat();
            double[] shift1 = shift(net.getLayer("bn1"), scales.get(0), new double[6]);
            for (int e = 0; e < 3; e++) {
                for (int c = 0; c < 6; c++) {
                    for (int y = 0; y < 14; y++) {
                        for (int x = 0; x < 14; x++) {
                            double z = shift1[c];
                            for (int ky = 0; ky < 3; ky++) {
                                for (int kx = 0; kx < 3; kx++) {
                                    int iy = 2 * y + ky - 1;
                                    int ix = 2 * x + kx - 1;
                                    if (iy >= 0 && iy < 28 && ix >= 0 && ix < 28) {
                                        z += foldedProjected.get(0)[c * 9 + ky * 3 + kx] * image[e * 784 + iy * 28 + ix];
                                    }
                                }
                            }
                            assertEquals(z, acts.get("bn1").getDouble(e, c, y, x), FLOAT * Math.max(1, Math.abs(z)),
                                    "bn1 " + e + " " + c);
                        }
                    }
                }
            }
            double[] bias = net.getParam("fc1_b").dup().data().asDouble();
            double[] shift2 = shift(net.getLayer("bn2"), scales.get(1), bias);
            for (int e = 0; e < 3; e++) {
                for (int u = 0; u < 5; u++) {
                    double z = shift2[u];
                    for (int j = 0; j < 6; j++) {
                        z += foldedProjected.get(1)[u * 6 + j] * acts.get("pool").getDouble(e, j);
                    }
                    assertEquals(z, acts.get("bn2").getDouble(e, u), FLOAT * Math.max(1, Math.abs(z)), "bn2 " + e + " " + u);
                }
            }
        }
    }

    /** gamma / sqrt(var + eps) from the running variance as stored (DL4J's log10 of sqrt(var + eps) or var). */
    private static double[] scale(Layer bn) {
        double[] gamma = bn.getParam("gamma").dup().data().asDouble();
        double[] s = new double[gamma.length];
        double eps = ((org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer()).getEps();
        boolean log = bn.paramTable().containsKey("log10stdev");
        double[] stored = bn.getParam(log ? "log10stdev" : "var").dup().data().asDouble();
        for (int i = 0; i < s.length; i++) {
            s[i] = gamma[i] / (log ? Math.pow(10, stored[i]) : Math.sqrt(stored[i] + eps));
        }
        return s;
    }

    /** The folded bias s (b - mu) + beta. */
    private static double[] shift(Layer bn, double[] s, double[] b) {
        double[] mu = bn.getParam("mean").dup().data().asDouble();
        double[] beta = bn.getParam("beta").dup().data().asDouble();
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i] * (b[i] - mu[i]) + beta[i];
        }
        return out;
    }

    private static double norm(float[] w) {
        double s = 0;
        for (float v : w) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }
}

package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.data.Dataset;
import dev.prune.engine.GradientRequest;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.UnitActivity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The engine's gradients and activations against a plain double-precision forward and backward
 * pass of the same MLP (biases are 0 right after initialization, so the weights say everything).
 */
@Tag("slow")
class CriteriaEngineTest {
    private static final NetworkSpec NET = Fixtures.mlp(784, 12, 10);
    private static final int N = 40;

    @Test
    void gradientsMatchAPlainBackwardPassWithAndWithoutTemperature() {
        try (Dl4jEngine engine = Fixtures.engine(NET, Fixtures.sgd(), 20, 3)) {
            List<float[]> w = engine.weights();
            check(engine.lossGradients(GradientRequest.plain(0, N)), Reference.gradient(w, 1.0, 0), 1e-4);
            check(engine.lossGradients(new GradientRequest(0, N, 200)), Reference.gradient(w, 200, 0), 1e-4);
            check(engine.lossGradients(GradientRequest.plain(10, 20)), Reference.gradient(w, 1.0, 10, 20), 1e-4);
            // The network is left as it was.
            List<float[]> after = engine.weights();
            for (int l = 0; l < w.size(); l++) {
                assertArrayEquals(w.get(l), after.get(l));
            }
        }
    }

    @Test
    void hessianVectorMatchesTheReference() {
        try (Dl4jEngine engine = Fixtures.engine(NET, Fixtures.sgd(), 20, 4)) {
            List<float[]> w = engine.weights();
            for (double t : new double[] {1, 200}) {
                GradientRequest request = new GradientRequest(0, N, t);
                List<float[]> g = engine.lossGradients(request);
                List<float[]> hg = engine.hessianVector(request, g);
                List<float[]> expected = Reference.hessianGradient(w, t);
                double diff = 0;
                double norm = 0;
                for (int l = 0; l < w.size(); l++) {
                    for (int i = 0; i < w.get(l).length; i++) {
                        diff += Math.pow(hg.get(l)[i] - expected.get(l)[i], 2);
                        norm += Math.pow(expected.get(l)[i], 2);
                    }
                }
                assertTrue(norm > 0);
                assertTrue(Math.sqrt(diff / norm) < 1e-3, "temperature " + t + ": relative error "
                        + Math.sqrt(diff / norm));
            }
            List<float[]> after = engine.weights();
            for (int l = 0; l < w.size(); l++) {
                assertArrayEquals(w.get(l), after.get(l));
            }
        }
    }

    @Test
    void hessianVectorOfLeNet5IsSymmetric() {
        NetworkSpec net = Fixtures.lenet5();
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.sgd(), 50, 7)) {
            GradientRequest request = new GradientRequest(0, 50, 200);
            List<float[]> u = Fixtures.randomMasks(net, 0.5, 1);
            List<float[]> v = Fixtures.randomMasks(net, 0.5, 2);
            double uHv = dot(u, engine.hessianVector(request, v));
            double vHu = dot(v, engine.hessianVector(request, u));
            assertTrue(Math.abs(uHv) > 0);
            assertEquals(uHv, vHu, 1e-3 * Math.abs(uHv));
        }
    }

    private static double dot(List<float[]> a, List<float[]> b) {
        double sum = 0;
        for (int l = 0; l < a.size(); l++) {
            for (int i = 0; i < a.get(l).length; i++) {
                sum += (double) a.get(l)[i] * b.get(l)[i];
            }
        }
        return sum;
    }

    @Test
    void unitActivityMatchesThePlainForwardPass() {
        try (Dl4jEngine engine = Fixtures.engine(NET, Fixtures.sgd(), 20, 5)) {
            UnitActivity a = engine.unitActivity(N);
            assertEquals(N, a.examples());
            double[][] hidden = Reference.hidden(engine.weights());
            for (int u = 0; u < 12; u++) {
                double mean = 0;
                double zeros = 0;
                for (double[] row : hidden) {
                    mean += Math.abs(row[u]) / N;
                    zeros += row[u] == 0 ? 1.0 / N : 0;
                }
                assertEquals(mean, a.meanAbs().get(0)[u], 1e-4, "mean of unit " + u);
                assertEquals(zeros, a.zeroShare().get(0)[u], 1e-6, "zero share of unit " + u);
            }
            assertEquals(10, a.meanAbs().get(1).length);
        }
    }

    @Test
    void aPrunedFilterIsDeadInTheActivityOfLeNet5() {
        NetworkSpec net = Fixtures.lenet5();
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.sgd(), 50, 6)) {
            List<float[]> masks = Fixtures.randomMasks(net, 1.0, 0);
            java.util.Arrays.fill(masks.get(0), 2 * 25, 3 * 25, 0f);
            engine.applyMasks(masks);
            UnitActivity a = engine.unitActivity(100);
            assertEquals(6, a.meanAbs().get(0).length);
            assertEquals(16, a.zeroShare().get(1).length);
            // No weights and a zero bias: the filter outputs exactly 0 at every position.
            assertEquals(0f, a.meanAbs().get(0)[2]);
            assertEquals(1f, a.zeroShare().get(0)[2]);
            assertTrue(a.meanAbs().get(0)[1] > 0);
        }
    }

    private static void check(List<float[]> actual, List<double[]> expected, double tolerance) {
        for (int l = 0; l < expected.size(); l++) {
            double scale = 0;
            for (double v : expected.get(l)) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < expected.get(l).length; i++) {
                assertEquals(expected.get(l)[i], actual.get(l)[i], tolerance * Math.max(scale, 1e-3),
                        "layer " + l + " weight " + i);
            }
        }
    }

    /** 784-12-10 ReLU MLP, zero biases, mean cross-entropy over the first N training examples, in double. */
    private static final class Reference {
        private static final Dataset DATA = Fixtures.SMALL.train();

        static double[][] hidden(List<float[]> w) {
            double[][] h = new double[N][12];
            for (int n = 0; n < N; n++) {
                for (int u = 0; u < 12; u++) {
                    double z = 0;
                    for (int j = 0; j < 784; j++) {
                        z += w.get(0)[u * 784 + j] * (double) DATA.features()[n * 784 + j];
                    }
                    h[n][u] = Math.max(0, z);
                }
            }
            return h;
        }

        static List<double[]> gradient(List<float[]> w, double t, int from) {
            return gradientD(toDouble(w), t, from, N);
        }

        static List<double[]> gradient(List<float[]> w, double t, int from, int count) {
            return gradientD(toDouble(w), t, from, count);
        }

        static List<double[]> gradientD(List<double[]> w, double t) {
            return gradientD(w, t, 0, N);
        }

        static List<double[]> gradientD(List<double[]> w, double t, int from, int count) {
            double[] g0 = new double[784 * 12];
            double[] g1 = new double[12 * 10];
            for (int n = from; n < from + count; n++) {
                double[] x = new double[784];
                for (int j = 0; j < 784; j++) {
                    x[j] = DATA.features()[n * 784 + j];
                }
                double[] z = new double[12];
                double[] h = new double[12];
                for (int u = 0; u < 12; u++) {
                    for (int j = 0; j < 784; j++) {
                        z[u] += w.get(0)[u * 784 + j] * x[j];
                    }
                    h[u] = Math.max(0, z[u]);
                }
                double[] logits = new double[10];
                double max = Double.NEGATIVE_INFINITY;
                for (int v = 0; v < 10; v++) {
                    for (int u = 0; u < 12; u++) {
                        logits[v] += w.get(1)[v * 12 + u] * h[u];
                    }
                    logits[v] /= t;
                    max = Math.max(max, logits[v]);
                }
                double sum = 0;
                double[] p = new double[10];
                for (int v = 0; v < 10; v++) {
                    p[v] = Math.exp(logits[v] - max);
                    sum += p[v];
                }
                int label = DATA.labels()[n];
                double[] dh = new double[12];
                for (int v = 0; v < 10; v++) {
                    double dz = (p[v] / sum - (v == label ? 1 : 0)) / t / count;
                    for (int u = 0; u < 12; u++) {
                        g1[v * 12 + u] += dz * h[u];
                        dh[u] += dz * w.get(1)[v * 12 + u];
                    }
                }
                for (int u = 0; u < 12; u++) {
                    if (z[u] > 0) {
                        for (int j = 0; j < 784; j++) {
                            g0[u * 784 + j] += dh[u] * x[j];
                        }
                    }
                }
            }
            return List.of(g0, g1);
        }

        /** H g by central differences in double with a tiny step: accurate to many digits. */
        static List<float[]> hessianGradient(List<float[]> wf, double t) {
            return hessianGradient(wf, t, 1e-6);
        }

        static List<float[]> hessianGradient(List<float[]> wf, double t, double eps) {
            List<double[]> w = toDouble(wf);
            List<double[]> g = gradientD(w, t);
            List<double[]> plus = gradientD(step(w, g, eps), t);
            List<double[]> minus = gradientD(step(w, g, -eps), t);
            List<float[]> out = new ArrayList<>();
            for (int l = 0; l < 2; l++) {
                float[] h = new float[g.get(l).length];
                for (int i = 0; i < h.length; i++) {
                    h[i] = (float) ((plus.get(l)[i] - minus.get(l)[i]) / (2 * eps));
                }
                out.add(h);
            }
            return out;
        }

        private static List<double[]> step(List<double[]> w, List<double[]> v, double eps) {
            List<double[]> out = new ArrayList<>();
            for (int l = 0; l < w.size(); l++) {
                double[] s = new double[w.get(l).length];
                for (int i = 0; i < s.length; i++) {
                    s[i] = w.get(l)[i] + eps * v.get(l)[i];
                }
                out.add(s);
            }
            return out;
        }

        private static List<double[]> toDouble(List<float[]> w) {
            List<double[]> out = new ArrayList<>();
            for (float[] a : w) {
                double[] d = new double[a.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = a[i];
                }
                out.add(d);
            }
            return out;
        }
    }
}

package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.data.DataSplit;
import dev.prune.data.Shapes;
import dev.prune.engine.GradientRequest;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Penalty;
import dev.prune.engine.TrainHook;
import dev.prune.engine.TrainRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The spectral-radius penalty through the engine, on a network small enough to assemble its whole
 * Hessian column by column from Hessian-vector products and find its extreme eigenvalue the long way.
 */
class SpectralTest {

    private static final NetworkSpec NET = NetworkSpec.sequential("tiny", 1, 8, 8, List.of(
            LayerSpec.dense("fc1", 64, 3, "relu"), LayerSpec.output("out", 3, 10)));
    private static final DataSplit DATA = Shapes.generate(32, 8, 0, 8, 5);

    @Test
    void thePowerIterationFindsTheExtremeEigenvalueOfTheAssembledHessian() {
        try (Dl4jEngine engine = Fixtures.engine(NET, Fixtures.sgd(), DATA, 32, 3)) {
            engine.train(Fixtures.constant(20, 1, 0.1), null);
            int[] sizes = NET.layers().stream().mapToInt(LayerSpec::weightCount).toArray();
            int n = Arrays.stream(sizes).sum();
            double[][] h = new double[n][];
            for (int c = 0; c < n; c++) {
                h[c] = concat(engine.hessianVector(GradientRequest.plain(0, 32), unit(sizes, c)));
            }
            double expected = extreme(h);
            // At rate 0 the penalty's step changes nothing; 60 rounds of power iteration converge.
            List<float[]> before = engine.weights();
            Penalty spectral = Penalty.spectral(new Penalty.Spectral(1.0, 1, 60, 32));
            engine.train(new TrainRequest(1, 2, i -> 0.0, TrainHook.NONE, spectral), null);
            assertEquals(expected, engine.spectralRadius(), 1e-3 * Math.abs(expected));
            assertArrayEquals(before.get(0), engine.weights().get(0));
        }
    }

    @Test
    void thePenaltyStepsTheWeightsAndLeavesPrunedOnesAtZero() {
        try (Dl4jEngine plain = Fixtures.engine(NET, Fixtures.sgd(), DATA, 32, 3);
             Dl4jEngine penalised = Fixtures.engine(NET, Fixtures.sgd(), DATA, 32, 3)) {
            List<float[]> masks = Fixtures.randomMasks(NET, 0.5, 7);
            plain.applyMasks(masks);
            penalised.applyMasks(masks);
            plain.train(Fixtures.constant(4, 1, 0.1), null);
            Penalty spectral = Penalty.spectral(new Penalty.Spectral(0.1, 2, 3, 32));
            penalised.train(new TrainRequest(4, 1, i -> 0.1, TrainHook.NONE, spectral), null);
            assertTrue(Double.isFinite(penalised.spectralRadius()));
            List<float[]> a = plain.weights();
            List<float[]> b = penalised.weights();
            boolean differs = false;
            for (int l = 0; l < a.size(); l++) {
                for (int i = 0; i < a.get(l).length; i++) {
                    if (masks.get(l)[i] == 0) {
                        assertEquals(0f, b.get(l)[i]);
                    } else {
                        differs |= a.get(l)[i] != b.get(l)[i];
                    }
                }
            }
            assertTrue(differs);
            assertFalse(Double.isNaN(penalised.spectralRadius()));
        }
    }

    private static List<float[]> unit(int[] sizes, int c) {
        List<float[]> out = new ArrayList<>();
        int at = 0;
        for (int s : sizes) {
            float[] v = new float[s];
            if (c >= at && c < at + s) {
                v[c - at] = 1;
            }
            out.add(v);
            at += s;
        }
        return out;
    }

    private static double[] concat(List<float[]> parts) {
        double[] out = new double[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] p : parts) {
            for (float x : p) {
                out[at++] = x;
            }
        }
        return out;
    }

    /** The eigenvalue of largest magnitude of the (symmetrised) matrix, by a long power iteration. */
    private static double extreme(double[][] h) {
        int n = h.length;
        double[] u = new double[n];
        Arrays.fill(u, 1);
        double value = 0;
        for (int t = 0; t < 5000; t++) {
            double[] hu = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    hu[i] += 0.5 * (h[i][j] + h[j][i]) * u[j];
                }
            }
            double norm = 0;
            value = 0;
            for (int i = 0; i < n; i++) {
                value += u[i] * hu[i];
                norm += hu[i] * hu[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                u[i] = hu[i] / norm;
            }
        }
        return value;
    }
}

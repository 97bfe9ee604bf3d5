package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.prune.engine.NetworkSpec;
import dev.prune.pruning.LowRank;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * LRPET's projection and i-SpaSP's unit outputs in the engine: LAPACK's SVD through ND4J gives
 * the matrices and singular values the plain Java decomposition gives, and the outputs are the
 * activations unit activity averages.
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

    private static double norm(float[] w) {
        double s = 0;
        for (float v : w) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }
}

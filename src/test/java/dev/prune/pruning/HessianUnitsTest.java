package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Hessian-aware unit saliency ½ θ_u·(Hθ)_u + |θ_u·g_u| by hand, with a known diagonal Hessian. */
class HessianUnitsTest {

    private static final NetworkSpec NET = NetworkSpec.sequential("t", 1, 1, 2, List.of(
            LayerSpec.dense("fc", 2, 2, "relu"), LayerSpec.output("out", 2, 1)));

    /** H = diag(2, 1, 3, 4) on the hidden layer and diag(1, 1) on the output layer. */
    private static List<float[]> hessian(List<float[]> v) {
        float[] d = {2, 1, 3, 4};
        List<float[]> out = new ArrayList<>();
        float[] h = new float[4];
        for (int i = 0; i < 4; i++) {
            h[i] = d[i] * v.get(0)[i];
        }
        out.add(h);
        out.add(v.get(1).clone());
        return out;
    }

    @Test
    void scoresAreTheSecondOrderTermPlusTheFirstOrderMagnitude() {
        FixedProbe probe = new FixedProbe();
        probe.gradient = List.of(new float[] {0.1f, -0.2f, 0.3f, 0.4f}, new float[] {0.5f, -0.5f});
        probe.hessian = HessianUnitsTest::hessian;
        // Unit 0 of fc has incoming weights (1, 2), unit 1 (-1, 0.5).
        List<float[]> weights = List.of(new float[] {1f, 2f, -1f, 0.5f}, new float[] {1f, 1f});
        ScoreInputs in = new ScoreInputs(NET, weights, List.of(new float[] {1, 1, 1, 1}, new float[] {1, 1}), 0, probe);
        HessianUnits h = new HessianUnits(10);
        assertEquals(Set.of(Need.GRADIENTS), h.needs());
        List<float[]> s = h.unitScores(in);
        // Hθ = (2, 2, -3, 2): unit 0: ½(2 + 4) + |0.1 - 0.4| = 3.3; unit 1: ½(3 + 1) + |-0.3 + 0.2| = 2.1.
        assertArrayEquals(new float[] {3.3f, 2.1f}, s.get(0), 1e-6f);
        // The output unit: ½(1 + 1) + |0.5 - 0.5| = 1.
        assertArrayEquals(new float[] {1f}, s.get(1), 1e-6f);
        // Half the hidden neurons go: unit 1, the lower score.
        List<float[]> masks = h.prune(in, new boolean[] {true, false}, 0.5, false);
        assertArrayEquals(new float[] {1, 1, 0, 0}, masks.get(0));
    }

    @Test
    void aPrunedWeightCountsAsZero() {
        FixedProbe probe = new FixedProbe();
        probe.gradient = List.of(new float[] {0.1f, -0.2f, 0.3f, 0.4f}, new float[] {0.5f, -0.5f});
        probe.hessian = HessianUnitsTest::hessian;
        List<float[]> weights = List.of(new float[] {1f, 2f, -1f, 0.5f}, new float[] {1f, 1f});
        ScoreInputs in = new ScoreInputs(NET, weights, List.of(new float[] {1, 0, 1, 1}, new float[] {1, 1}), 0, probe);
        // θ = (1, 0, -1, 0.5), Hθ = (2, 0, -3, 2): unit 0: ½·2 + |0.1| = 1.1.
        assertEquals(1.1f, new HessianUnits(1).unitScores(in).get(0)[0], 1e-6f);
    }
}

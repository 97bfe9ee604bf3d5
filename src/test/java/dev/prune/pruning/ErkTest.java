package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.prune.engine.LayerSpec;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ErkTest {
    private static final double EPS = 1e-9;

    @Test
    void aLayerThatWouldBeOverFullIsMadeDenseAndTheRestCarriesTheBudget() {
        // 4x2 (8 weights, raw (4+2)/8 = 0.75) and 10x10 (100 weights, raw 0.2) at 50%:
        // first factor (4 + 50) / (6 + 20) = 2.077 gives the small layer 1.56 > 1, so it goes dense;
        // then (50 - 4) / 20 = 2.3 gives the big layer density 0.46, sparsity 0.54.
        List<LayerSpec> layers = List.of(LayerSpec.dense("a", 4, 2, "relu"), LayerSpec.output("b", 10, 10));
        double[] s = Erk.sparsities(layers, new boolean[]{true, true}, 0.5, true);
        assertArrayEquals(new double[]{0, 0.54}, s, EPS);
        assertEquals(54, 8 * (1 - s[0]) + 100 * (1 - s[1]), EPS, "as many weights kept as at a uniform 50%");
    }

    @Test
    void lenet300100At90Percent() {
        // fc1 raw 1084/235200, fc2 400/30000, out 110/1000; out would get 1.84, so it stays dense and
        // the factor is (23520 + 3000 - 900) / (1084 + 400) = 25620 / 1484.
        List<LayerSpec> layers = List.of(LayerSpec.dense("fc1", 784, 300, "relu"),
                LayerSpec.dense("fc2", 300, 100, "relu"), LayerSpec.output("out", 100, 10));
        double[] s = Erk.sparsities(layers, new boolean[]{true, true, true}, 0.9, true);
        double factor = 25620.0 / 1484.0;
        assertArrayEquals(new double[]{1 - factor * 1084 / 235200, 1 - factor * 400 / 30000, 0}, s, EPS);
        assertEquals(0.920433, s[0], 1e-6);
        assertEquals(0.769811, s[1], 1e-6);
    }

    @Test
    void convLayersCountTheirKernelInTheShape() {
        // conv 5x5, 1 -> 6: sum 5+5+1+6 = 17, prod 150; dense 10 -> 10: 20 / 100. At 50%:
        // factor (75 + 50) / (17 + 20) leaves both under 1.
        List<LayerSpec> layers = List.of(LayerSpec.conv("c", 1, 6, 5, 0, 0, 28, "relu"), LayerSpec.output("o", 10, 10));
        double[] s = Erk.sparsities(layers, new boolean[]{true, true}, 0.5, true);
        double factor = 125.0 / 37.0;
        assertArrayEquals(new double[]{1 - factor * 17 / 150, 1 - factor * 20 / 100}, s, EPS);
    }

    @Test
    void uniformAndUnselectedLayers() {
        List<LayerSpec> layers = List.of(LayerSpec.dense("a", 4, 2, "relu"), LayerSpec.output("b", 10, 10));
        assertArrayEquals(new double[]{0.7, 0.7}, Erk.sparsities(layers, new boolean[]{true, true}, 0.7, false), EPS);
        assertArrayEquals(new double[]{0, 0.7}, Erk.sparsities(layers, new boolean[]{false, true}, 0.7, false), EPS);
        // With ERK over the big layer alone, it simply gets the target.
        assertArrayEquals(new double[]{0, 0.7}, Erk.sparsities(layers, new boolean[]{false, true}, 0.7, true), EPS);
    }

    @Test
    void randomMasksHaveFloorOfTheShareAsZerosAndFollowTheSeed() {
        float[] a = Erk.randomMask(10, 0.35, new SplittableRandom(1));
        assertEquals(3, 10 - Density.kept(a));
        assertArrayEquals(a, Erk.randomMask(10, 0.35, new SplittableRandom(1)));
        float[] big = Erk.randomMask(1000, 0.9, new SplittableRandom(1));
        assertEquals(100, Density.kept(big));
        assertFalse(Arrays.equals(big, Erk.randomMask(1000, 0.9, new SplittableRandom(2))));
    }
}

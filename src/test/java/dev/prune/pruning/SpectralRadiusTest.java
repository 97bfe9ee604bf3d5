package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Power iteration and the finite-difference third derivative on losses whose Hessians are known:
 * a quadratic ½ θᵀAθ (gradient Aθ, Hessian A) and the quartic Σ θ⁴/12 (gradient θ³/3, Hessian
 * diag(θ²), ∂(uᵀHu)/∂θ_i = 2 θ_i u_i²).
 */
class SpectralRadiusTest {

    private static UnaryOperator<double[]> quadratic(double[][] a) {
        return x -> {
            double[] out = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    out[i] += a[i][j] * x[j];
                }
            }
            return out;
        };
    }

    private static final UnaryOperator<double[]> QUARTIC = x -> {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * x[i] * x[i] / 3;
        }
        return out;
    };

    @Test
    void powerIterationMatchesAHandCalculationAndConvergesToTheLargestEigenvalue() {
        double[][] a = {{4, 1}, {1, 2}};
        double[] theta = {0.3, -0.7};
        UnaryOperator<double[]> hv = v -> SpectralRadius.hessianVector(quadratic(a), theta, v, 1e-3);
        // u = (1, 0): H u = (4, 1), uᵀHu = 4.
        SpectralRadius.Estimate one = SpectralRadius.power(hv, new double[] {2, 0}, null, 1);
        assertEquals(4, one.value(), 1e-9);
        assertArrayEquals(new double[] {1, 0}, one.vector(), 1e-12);
        assertArrayEquals(new double[] {4 / Math.sqrt(17), 1 / Math.sqrt(17)}, one.next(), 1e-9);
        // u = (4, 1)/√17: H u = (17, 6)/√17, uᵀHu = 74/17.
        assertEquals(74.0 / 17, SpectralRadius.power(hv, new double[] {2, 0}, null, 2).value(), 1e-9);
        // Eigenvalues 3 ± √2.
        assertEquals(3 + Math.sqrt(2), SpectralRadius.power(hv, new double[] {1, 0}, null, 40).value(), 1e-9);
    }

    @Test
    void theSignTellsANegativeEndAndKeepRestrictsToTheKeptCoordinates() {
        double[][] a = {{1, 0}, {0, -3}};
        UnaryOperator<double[]> hv = v -> SpectralRadius.hessianVector(quadratic(a), new double[2], v, 1e-3);
        assertEquals(-3, SpectralRadius.power(hv, new double[] {1, 1}, null, 60).value(), 1e-9);
        double[][] b = {{4, 1}, {1, 2}};
        UnaryOperator<double[]> hb = v -> SpectralRadius.hessianVector(quadratic(b), new double[2], v, 1e-3);
        // Only the second weight is kept: P H P = [[0, 0], [0, 2]].
        SpectralRadius.Estimate kept = SpectralRadius.power(hb, new double[] {1, 1}, new double[] {0, 1}, 5);
        assertEquals(2, kept.value(), 1e-9);
        assertArrayEquals(new double[] {0, 1}, kept.vector(), 1e-12);
    }

    @Test
    void theHessianVectorProductOfTheQuarticIsItsKnownHessian() {
        double[] theta = {1, 2};
        double[] hv = SpectralRadius.hessianVector(QUARTIC, theta, new double[] {1, -1}, 1e-4);
        // diag(θ²) v = (1, -4), plus ε² v³ / 3 from the cubic gradient.
        assertArrayEquals(new double[] {1, -4}, hv, 1e-7);
    }

    @Test
    void theCurvatureGradientIsTheThirdDerivativeAlongTheEigenvector() {
        double[] theta = {1, 2};
        double[] u = {0.6, 0.8};
        // ∂(uᵀ diag(θ²) u)/∂θ = 2 θ u² = (0.72, 2.56); the second difference of a cubic is exact.
        assertArrayEquals(new double[] {0.72, 2.56},
                SpectralRadius.curvatureGradient(QUARTIC, theta, u, null, 1e-3), 1e-6);
        assertArrayEquals(new double[] {0, 2.56},
                SpectralRadius.curvatureGradient(QUARTIC, theta, u, new double[] {0, 1}, 1e-3), 1e-6);
    }
}

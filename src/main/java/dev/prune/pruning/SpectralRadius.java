package dev.prune.pruning;

import java.util.function.UnaryOperator;

/**
 * The spectral radius of the Hessian of a loss and its gradient, from loss gradients alone, for
 * the Hessian-aware neuron pruning of the founding survey: train with a penalty λ·ρ(H) on the
 * largest |eigenvalue| of the Hessian, estimated by power iteration on Hessian-vector products.
 * Everything is on flat double arrays so the engine can supply the gradient of any network.
 *
 * <ul>
 *   <li>H v is the central difference (g(θ + εv) − g(θ − εv)) / 2ε of the gradient g.</li>
 *   <li>Power iteration: u ← H u / ‖H u‖ from a start vector; the estimate is the Rayleigh quotient
 *       uᵀ H u of the last u, whose sign tells which end of the spectrum it found.</li>
 *   <li>∇ρ: with u the unit top eigenvector, ∂λ/∂θ = ∂(uᵀ H(θ) u)/∂θ at fixed u (the eigenvector's
 *       own change drops out because u is normalised and stationary), a third derivative
 *       T[u, u, ·]. [reconstructed] It is the second central difference of the gradient along u,
 *       (g(θ + εu) + g(θ − εu) − 2 g(θ)) / ε², since g(θ + εu) = g + εHu + ε²/2·T[u, u, ·] + O(ε³);
 *       the engine takes ε large enough (1% of the weights' norm) that it measures curvature, not
 *       ReLU kinks. ∇ρ = sign(λ)·T[u, u, ·].</li>
 * </ul>
 * A {@code keep} array of 0 and 1 restricts everything to the kept weights: the Hessian is then
 * that of the pruned network, P H P with P the projection on the kept weights.
 */
public final class SpectralRadius {
    private SpectralRadius() {}

    /**
     * @param value the Rayleigh quotient uᵀ H u (signed; the radius is its magnitude)
     * @param vector the unit vector u it was measured on
     * @param next H u / ‖H u‖, to warm-start the next estimate
     */
    public record Estimate(double value, double[] vector, double[] next) {}

    /** H v by central differences of {@code gradient} at {@code theta}, with step {@code eps} along v. */
    public static double[] hessianVector(UnaryOperator<double[]> gradient, double[] theta, double[] v, double eps) {
        double[] plus = gradient.apply(axpy(theta, eps, v));
        double[] minus = gradient.apply(axpy(theta, -eps, v));
        double[] out = new double[theta.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (plus[i] - minus[i]) / (2 * eps);
        }
        return out;
    }

    /**
     * {@code iterations} rounds of power iteration from {@code start} (not all zero) with the
     * product {@code hv}; {@code keep} (null for all) restricts it to the kept coordinates.
     */
    public static Estimate power(UnaryOperator<double[]> hv, double[] start, double[] keep, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("power iteration needs at least one round");
        }
        double[] u = unit(project(start.clone(), keep));
        double value = 0;
        double[] next = u;
        for (int t = 0; t < iterations; t++) {
            if (t > 0) {
                u = next;
            }
            double[] hu = project(hv.apply(u), keep);
            value = dot(u, hu);
            double norm = Math.sqrt(dot(hu, hu));
            next = norm == 0 ? u : scale(hu, 1 / norm);
        }
        return new Estimate(value, u, next);
    }

    /**
     * ∂(uᵀ H u)/∂θ at fixed u: (g(θ + εu) + g(θ − εu) − 2 g(θ)) / ε², restricted to {@code keep}
     * (null for all).
     */
    public static double[] curvatureGradient(UnaryOperator<double[]> gradient, double[] theta, double[] u,
                                             double[] keep, double eps) {
        double[] plus = gradient.apply(axpy(theta, eps, u));
        double[] minus = gradient.apply(axpy(theta, -eps, u));
        double[] here = gradient.apply(theta.clone());
        double[] out = new double[theta.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (plus[i] + minus[i] - 2 * here[i]) / (eps * eps);
        }
        return project(out, keep);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] axpy(double[] x, double a, double[] y) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + a * y[i];
        }
        return out;
    }

    private static double[] scale(double[] x, double a) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = a * x[i];
        }
        return out;
    }

    private static double[] unit(double[] x) {
        double norm = Math.sqrt(dot(x, x));
        if (norm == 0) {
            throw new IllegalArgumentException("power iteration cannot start from a zero vector");
        }
        return scale(x, 1 / norm);
    }

    private static double[] project(double[] x, double[] keep) {
        if (keep != null) {
            for (int i = 0; i < x.length; i++) {
                x[i] *= keep[i];
            }
        }
        return x;
    }
}

package dev.prune.pruning;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Hessian-vector products from gradients alone, by central differences:
 * H v ≈ (∇L(w + εv) - ∇L(w - εv)) / 2ε. The step ε makes the perturbation {@code relative} of the
 * weights' norm: small enough for the O(ε^2) error, large enough that float gradients differ.
 */
public final class HessianVector {
    public static final double RELATIVE_STEP = 1e-2;

    private HessianVector() {}

    /** @param gradientAt the gradient at the weights plus the given offset */
    public static List<float[]> product(Function<List<float[]>, List<float[]>> gradientAt, List<float[]> weights,
                                        List<float[]> v, double relative) {
        double vNorm = norm(v);
        if (vNorm == 0) {
            List<float[]> zero = new ArrayList<>();
            v.forEach(a -> zero.add(new float[a.length]));
            return zero;
        }
        double wNorm = norm(weights);
        double eps = relative * (wNorm > 0 ? wNorm : 1.0) / vNorm;
        List<float[]> plus = gradientAt.apply(scaled(v, eps));
        List<float[]> minus = gradientAt.apply(scaled(v, -eps));
        List<float[]> out = new ArrayList<>();
        for (int l = 0; l < v.size(); l++) {
            float[] h = new float[v.get(l).length];
            for (int i = 0; i < h.length; i++) {
                h[i] = (float) (((double) plus.get(l)[i] - minus.get(l)[i]) / (2 * eps));
            }
            out.add(h);
        }
        return out;
    }

    static double norm(List<float[]> arrays) {
        double sum = 0;
        for (float[] a : arrays) {
            for (float x : a) {
                sum += (double) x * x;
            }
        }
        return Math.sqrt(sum);
    }

    private static List<float[]> scaled(List<float[]> v, double factor) {
        List<float[]> out = new ArrayList<>();
        for (float[] a : v) {
            float[] s = new float[a.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) (a[i] * factor);
            }
            out.add(s);
        }
        return out;
    }
}

package dev.prune.dl4j;

import dev.prune.engine.GradientRequest;
import dev.prune.engine.Penalty;
import dev.prune.pruning.SpectralRadius;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The penalty on the Hessian's spectral radius ({@link Penalty.Spectral}), one step at a time:
 * on a double-precision copy of the network, ρ and its eigenvector u by power iteration on
 * Hessian-vector products ({@link SpectralRadius}), warm-started from the last u, over a window of
 * training examples that moves through the split; then ∇ρ by the second difference of the
 * gradient along u, and the live weights step by −lr·every·λ·∇ρ. Pruned weights stay out of u
 * and of the step. The weights are all the layers' W in their own storage order, one after the
 * other; biases are held fixed, as for GraSP.
 */
final class SpectralStep {
    /** Step of the Hessian-vector product along a unit vector, relative to the weights' norm, as for GraSP. */
    private static final double PRODUCT_STEP = Gradients.RELATIVE_STEP;
    /**
     * Step of the second difference along u, relative to the weights' norm. [reconstructed] The
     * gradient of a ReLU network jumps where a unit crosses its kink, and the second difference
     * divides that jump by ε², so a small step measures kinks, not curvature: on LeNet-300-100 /
     * Fashion-MNIST the difference's norm was about 10,000 at 1e-4 of the weights' norm, 300 at
     * 1e-3 and 40 at 1e-2 (training under the penalty fell apart at 1e-4). At 1e-2 it is the
     * curvature along u smoothed over that distance, the gradient of
     * (L(θ + εu) + L(θ − εu) − 2 L(θ)) / ε².
     */
    static final double CURVATURE_STEP = 1e-2;

    private final Penalty.Spectral settings;
    private final Random random;
    private double[] u;
    private long windows;
    private double radius = Double.NaN;

    SpectralStep(Penalty.Spectral settings, long seed) {
        this.settings = settings;
        this.random = new Random(seed);
    }

    Penalty.Spectral settings() {
        return settings;
    }

    /** The last estimate of the signed extreme eigenvalue, NaN before the first step. */
    double radius() {
        return radius;
    }

    /** One penalty step on the live network at learning rate {@code lr}; the caller re-applies its masks. */
    void apply(ComputationGraph net, List<WeightLayout> layouts, SplitArrays train, List<float[]> masks, double lr) {
        ComputationGraph d = net.convertDataType(DataType.DOUBLE);
        int count = Math.min(settings.examples(), train.count());
        int from = (int) (windows++ * count % Math.max(1, train.count() - count + 1));
        GradientRequest request = GradientRequest.plain(from, count);
        double[] theta = values(d, layouts);
        double[] keep = keep(net, layouts, masks);
        UnaryOperator<double[]> gradient = x -> {
            set(d, layouts, x);
            INDArray[] sums = Gradients.sum(d, layouts, train, request, DataType.DOUBLE);
            double[] out = new double[x.length];
            int at = 0;
            for (int l = 0; l < sums.length; l++) {
                INDArray w = layouts.get(l).weights(d);
                double[] g = sums[l].dup(w.ordering()).data().asDouble();
                for (double value : g) {
                    out[at++] = value / count;
                }
            }
            return out;
        };
        double norm = Math.max(1.0, Math.sqrt(dot(theta, theta)));
        if (u == null || u.length != theta.length) {
            u = new double[theta.length];
            for (int i = 0; i < u.length; i++) {
                u[i] = random.nextGaussian();
            }
        }
        SpectralRadius.Estimate e = SpectralRadius.power(
                v -> SpectralRadius.hessianVector(gradient, theta, v, PRODUCT_STEP * norm), u, keep,
                settings.iterations());
        u = e.next();
        radius = e.value();
        double[] t = SpectralRadius.curvatureGradient(gradient, theta, e.vector(), keep, CURVATURE_STEP * norm);
        double factor = lr * settings.every() * settings.lambda() * Math.signum(e.value());
        int at = 0;
        for (WeightLayout layout : layouts) {
            INDArray w = layout.weights(net);
            double[] delta = new double[(int) w.length()];
            for (int i = 0; i < delta.length; i++) {
                delta[i] = factor * t[at++];
            }
            w.subi(Nd4j.create(delta, w.shape(), w.ordering()).castTo(w.dataType()));
        }
    }

    /** All layers' W one after the other, each in its own storage order. */
    private static double[] values(ComputationGraph net, List<WeightLayout> layouts) {
        List<double[]> parts = new ArrayList<>();
        int n = 0;
        for (WeightLayout l : layouts) {
            INDArray w = l.weights(net);
            double[] p = w.dup(w.ordering()).castTo(DataType.DOUBLE).data().asDouble();
            parts.add(p);
            n += p.length;
        }
        return concat(parts, n);
    }

    private static void set(ComputationGraph net, List<WeightLayout> layouts, double[] x) {
        int at = 0;
        for (WeightLayout l : layouts) {
            INDArray w = l.weights(net);
            double[] part = new double[(int) w.length()];
            System.arraycopy(x, at, part, 0, part.length);
            at += part.length;
            w.assign(Nd4j.create(part, w.shape(), w.ordering()));
        }
    }

    /** 1 for a kept weight, 0 for a pruned one, in the same order as {@link #values}; null when none is pruned. */
    private static double[] keep(ComputationGraph net, List<WeightLayout> layouts, List<float[]> masks) {
        if (masks.isEmpty()) {
            return null;
        }
        List<double[]> parts = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < layouts.size(); i++) {
            WeightLayout l = layouts.get(i);
            INDArray w = l.weights(net);
            INDArray m = l.mask(net, masks.get(i));
            double[] p = new double[(int) w.length()];
            if (m == null) {
                java.util.Arrays.fill(p, 1.0);
            } else {
                p = m.dup(w.ordering()).castTo(DataType.DOUBLE).data().asDouble();
            }
            parts.add(p);
            n += p.length;
        }
        return concat(parts, n);
    }

    private static double[] concat(List<double[]> parts, int n) {
        double[] out = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}

package dev.prune.pruning;

import dev.prune.engine.Node;
import dev.prune.engine.NodeKind;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The forward and backward pass SynFlow needs, in plain Java, node by node through the network
 * graph: weights |w ⊙ mask|, zero biases and an input of ones. All values stay non-negative, so
 * ReLU passes everything and the network is linear except for max pooling, which routes the
 * gradient to the first maximum of each window. Residual adds sum their inputs and pass the
 * gradient to each; option-A shortcuts subsample and pad with zero channels.
 *
 * <p>Batch norm follows the SynFlow authors' code (Tanaka et al., {@code prune.py}: the model in
 * evaluation mode, every parameter and buffer replaced by its absolute value): a node computes
 * |γ| (x − |μ|) / sqrt(|σ²| + ε) + |β| with its running statistics. Batch-norm parameters do not
 * cross the engine boundary, so the pass uses their values at initialization (γ = 1, β = 0, μ = 0,
 * σ² = 1, ε = 1e-5, DL4J's default): a scaling by 1/sqrt(1 + ε) per channel, exactly the authors'
 * computation when pruning at initialization, which is what SynFlow is for. Computed in double: the
 * products over layers grow quickly.
 */
final class SynapticFlow {
    private SynapticFlow() {}

    /** DL4J's batch-norm ε; with the initial statistics the node scales by 1/sqrt(1 + ε). */
    static final double BN_SCALE = 1 / Math.sqrt(1 + 1e-5);

    static List<float[]> scores(NetworkSpec net, List<float[]> weights, List<float[]> masks) {
        Map<String, double[]> abs = new HashMap<>();
        for (int l = 0; l < net.layers().size(); l++) {
            float[] w = weights.get(l);
            float[] m = masks.get(l);
            double[] a = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                a[i] = Math.abs((double) w[i] * m[i]);
            }
            abs.put(net.weightNode(l).name(), a);
        }
        Map<String, double[]> values = new HashMap<>();
        Map<String, int[]> argmax = new HashMap<>();
        double[] ones = new double[net.inputSize()];
        Arrays.fill(ones, 1.0);
        values.put(NetworkSpec.INPUT, ones);
        List<Node> nodes = net.nodes();
        for (Node n : nodes) {
            values.put(n.name(), forward(net, n, abs.get(n.name()), values, argmax));
        }
        Map<String, double[]> grads = new HashMap<>();
        double[] r = new double[values.get(nodes.get(nodes.size() - 1).name()).length];
        Arrays.fill(r, 1.0);
        grads.put(nodes.get(nodes.size() - 1).name(), r);
        Map<String, double[]> weightGrads = new HashMap<>();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            double[] g = grads.remove(n.name());
            if (g == null) {
                continue; // nothing reads this node's output on the way to R
            }
            backward(net, n, abs.get(n.name()), values, argmax.get(n.name()), g, grads, weightGrads);
        }
        List<float[]> scores = new ArrayList<>();
        for (int l = 0; l < net.layers().size(); l++) {
            String name = net.weightNode(l).name();
            double[] w = abs.get(name);
            double[] g = weightGrads.get(name);
            float[] s = new float[w.length];
            for (int i = 0; g != null && i < s.length; i++) {
                s[i] = (float) (w[i] * g[i]);
            }
            scores.add(s);
        }
        return scores;
    }

    private static double[] forward(NetworkSpec net, Node n, double[] w, Map<String, double[]> values,
                                    Map<String, int[]> argmax) {
        double[] in = values.get(n.input());
        Shape is = net.shape(n.input());
        Shape os = net.shape(n.name());
        return switch (n.kind()) {
            case DENSE, OUTPUT -> dense(w, in, os.size(), null, null, null);
            case CONV -> conv(n, w, in, is, os, null, null, null);
            case BATCH_NORM -> scaled(in, BN_SCALE);
            case ACTIVATION, FLATTEN, DROPOUT -> in;
            case ADD -> {
                double[] sum = new double[os.size()];
                for (String input : n.inputs()) {
                    double[] v = values.get(input);
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += v[i];
                    }
                }
                yield sum;
            }
            case MAX_POOL -> {
                int[] arg = new int[os.size()];
                argmax.put(n.name(), arg);
                yield pool(n, in, is, os, arg);
            }
            case AVG_POOL -> pool(n, in, is, os, null);
            case GLOBAL_AVG_POOL -> {
                double[] out = new double[is.channels()];
                int positions = is.height() * is.width();
                for (int c = 0; c < out.length; c++) {
                    for (int p = 0; p < positions; p++) {
                        out[c] += in[c * positions + p] / positions;
                    }
                }
                yield out;
            }
            case KEPT -> throw new IllegalStateException("SynFlow cannot pass through the kept layer '" + n.name()
                    + "' (a " + n.keptType() + "); the checker refuses synflow on such networks");
            case ZERO_PAD -> {
                double[] out = new double[os.size()];
                for (int c = 0; c < is.channels(); c++) {
                    for (int y = 0; y < os.height(); y++) {
                        for (int x = 0; x < os.width(); x++) {
                            out[(c * os.height() + y) * os.width() + x] =
                                    in[(c * is.height() + y * n.stride()) * is.width() + x * n.stride()];
                        }
                    }
                }
                yield out;
            }
        };
    }

    private static void backward(NetworkSpec net, Node n, double[] w, Map<String, double[]> values, int[] argmax,
                                 double[] g, Map<String, double[]> grads, Map<String, double[]> weightGrads) {
        double[] in = values.get(n.input());
        Shape is = net.shape(n.input());
        Shape os = net.shape(n.name());
        double[] back = new double[is.size()];
        switch (n.kind()) {
            case DENSE, OUTPUT -> {
                double[] wg = new double[w.length];
                weightGrads.put(n.name(), wg);
                dense(w, in, os.size(), g, wg, back);
            }
            case CONV -> {
                double[] wg = new double[w.length];
                weightGrads.put(n.name(), wg);
                conv(n, w, in, is, os, g, wg, back);
            }
            case BATCH_NORM -> back = scaled(g, BN_SCALE);
            case ACTIVATION, FLATTEN, DROPOUT -> back = g;
            case ADD -> {
                for (String input : n.inputs()) {
                    accumulate(grads, input, g);
                }
                return;
            }
            case MAX_POOL -> {
                for (int i = 0; i < g.length; i++) {
                    if (argmax[i] >= 0) {
                        back[argmax[i]] += g[i];
                    }
                }
            }
            case AVG_POOL -> poolBack(n, g, is, os, back);
            case GLOBAL_AVG_POOL -> {
                int positions = is.height() * is.width();
                for (int c = 0; c < g.length; c++) {
                    for (int p = 0; p < positions; p++) {
                        back[c * positions + p] = g[c] / positions;
                    }
                }
            }
            case ZERO_PAD -> {
                for (int c = 0; c < is.channels(); c++) {
                    for (int y = 0; y < os.height(); y++) {
                        for (int x = 0; x < os.width(); x++) {
                            back[(c * is.height() + y * n.stride()) * is.width() + x * n.stride()] +=
                                    g[(c * os.height() + y) * os.width() + x];
                        }
                    }
                }
            }
        }
        accumulate(grads, n.input(), back);
    }

    private static void accumulate(Map<String, double[]> grads, String node, double[] g) {
        if (node.equals(NetworkSpec.INPUT)) {
            return;
        }
        double[] sum = grads.get(node);
        if (sum == null) {
            grads.put(node, g.clone());
        } else {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += g[i];
            }
        }
    }

    private static double[] scaled(double[] v, double factor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * factor;
        }
        return out;
    }

    /**
     * A dense layer with weights [out][in] (a feature-map input flattened channel by channel). Forward
     * when {@code r} is null; otherwise fills {@code grad} (dR/dw) and {@code back} (dR/d(input)).
     */
    private static double[] dense(double[] w, double[] in, int outputs, double[] r, double[] grad, double[] back) {
        int fanIn = in.length;
        double[] out = r == null ? new double[outputs] : null;
        for (int u = 0; u < outputs; u++) {
            double sum = 0;
            for (int j = 0; j < fanIn; j++) {
                if (r == null) {
                    sum += w[u * fanIn + j] * in[j];
                } else {
                    grad[u * fanIn + j] = r[u] * in[j];
                    back[j] += w[u * fanIn + j] * r[u];
                }
            }
            if (out != null) {
                out[u] = sum;
            }
        }
        return out;
    }

    /**
     * A (grouped) convolution with weights [out][in / groups][ky][kx], stride and zero padding. Forward
     * when {@code r} is null; otherwise fills {@code grad} and {@code back} and returns null.
     */
    private static double[] conv(Node n, double[] w, double[] in, Shape is, Shape os, double[] r, double[] grad,
                                 double[] back) {
        int k = n.kernel();
        int p = n.padding();
        int s = n.stride();
        int groupIn = is.channels() / n.groups();
        int groupOut = os.channels() / n.groups();
        int fanIn = groupIn * k * k;
        double[] out = r == null ? new double[os.size()] : null;
        for (int co = 0; co < os.channels(); co++) {
            int firstIn = co / groupOut * groupIn;
            for (int cj = 0; cj < groupIn; cj++) {
                int ci = firstIn + cj;
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        int wi = co * fanIn + (cj * k + ky) * k + kx;
                        double wv = w[wi];
                        double gsum = 0;
                        for (int y = 0; y < os.height(); y++) {
                            int iy = y * s + ky - p;
                            if (iy < 0 || iy >= is.height()) {
                                continue;
                            }
                            for (int x = 0; x < os.width(); x++) {
                                int ix = x * s + kx - p;
                                if (ix < 0 || ix >= is.width()) {
                                    continue;
                                }
                                int at = (ci * is.height() + iy) * is.width() + ix;
                                int o = (co * os.height() + y) * os.width() + x;
                                if (r == null) {
                                    out[o] += wv * in[at];
                                } else {
                                    gsum += r[o] * in[at];
                                    back[at] += wv * r[o];
                                }
                            }
                        }
                        if (r != null) {
                            grad[wi] = gsum;
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Max or average pooling with the node's window, stride and padding (a ragged edge dropped); for
     * max pooling records each window's first maximum in {@code argmax}. Average pooling divides by
     * the whole window, padding included (DL4J's default).
     */
    private static double[] pool(Node n, double[] in, Shape is, Shape os, int[] argmax) {
        double[] out = new double[os.size()];
        int k = n.kernel();
        for (int c = 0; c < os.channels(); c++) {
            for (int y = 0; y < os.height(); y++) {
                for (int x = 0; x < os.width(); x++) {
                    int o = (c * os.height() + y) * os.width() + x;
                    int best = -1;
                    double sum = 0;
                    for (int dy = 0; dy < k; dy++) {
                        for (int dx = 0; dx < k; dx++) {
                            int iy = y * n.stride() + dy - n.padding();
                            int ix = x * n.stride() + dx - n.padding();
                            if (iy < 0 || iy >= is.height() || ix < 0 || ix >= is.width()) {
                                continue;
                            }
                            int i = (c * is.height() + iy) * is.width() + ix;
                            sum += in[i];
                            if (best < 0 || in[i] > in[best]) {
                                best = i;
                            }
                        }
                    }
                    if (argmax != null) {
                        out[o] = best < 0 ? 0 : in[best];
                        argmax[o] = best;
                    } else {
                        out[o] = sum / (k * k);
                    }
                }
            }
        }
        return out;
    }

    private static void poolBack(Node n, double[] g, Shape is, Shape os, double[] back) {
        int k = n.kernel();
        for (int c = 0; c < os.channels(); c++) {
            for (int y = 0; y < os.height(); y++) {
                for (int x = 0; x < os.width(); x++) {
                    double share = g[(c * os.height() + y) * os.width() + x] / (k * k);
                    for (int dy = 0; dy < k; dy++) {
                        for (int dx = 0; dx < k; dx++) {
                            int iy = y * n.stride() + dy - n.padding();
                            int ix = x * n.stride() + dx - n.padding();
                            if (iy >= 0 && iy < is.height() && ix >= 0 && ix < is.width()) {
                                back[(c * is.height() + iy) * is.width() + ix] += share;
                            }
                        }
                    }
                }
            }
        }
    }
}

package dev.prune.pruning;

import dev.prune.engine.LayerKind;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The forward and backward pass SynFlow needs, in plain Java: the network with weights |w ⊙ mask|,
 * zero biases and an input of ones. All values stay non-negative, so ReLU passes everything and
 * the network is linear except for max pooling, which routes the gradient to the first maximum
 * of each window. Computed in double: the products over layers grow quickly.
 */
final class SynapticFlow {
    private SynapticFlow() {}

    static List<float[]> scores(NetworkSpec net, List<float[]> weights, List<float[]> masks) {
        requireChain(net);
        List<LayerSpec> layers = net.layers();
        int n = layers.size();
        double[][] abs = new double[n][];
        for (int l = 0; l < n; l++) {
            float[] w = weights.get(l);
            float[] m = masks.get(l);
            abs[l] = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                abs[l][i] = Math.abs((double) w[i] * m[i]);
            }
        }
        double[][] inputs = new double[n][];
        int[][] argmax = new int[n][];
        double[] a = new double[net.inputSize()];
        Arrays.fill(a, 1.0);
        for (int l = 0; l < n; l++) {
            LayerSpec spec = layers.get(l);
            inputs[l] = a;
            if (spec.kind() == LayerKind.CONV) {
                double[] out = convForward(spec, abs[l], a);
                if (spec.poolAfter() > 0) {
                    argmax[l] = new int[spec.nOut() * sq(pooledSide(spec))];
                    out = poolForward(spec, out, argmax[l]);
                }
                a = out;
            } else {
                a = denseForward(spec, abs[l], a);
            }
        }
        double[] r = new double[a.length];
        Arrays.fill(r, 1.0);
        List<float[]> scores = new ArrayList<>();
        for (int l = 0; l < n; l++) {
            scores.add(null);
        }
        for (int l = n - 1; l >= 0; l--) {
            LayerSpec spec = layers.get(l);
            double[] grad = new double[abs[l].length];
            if (spec.kind() == LayerKind.CONV) {
                double[] pre = r;
                if (spec.poolAfter() > 0) {
                    pre = new double[spec.nOut() * sq(spec.outputHeight())];
                    for (int i = 0; i < r.length; i++) {
                        pre[argmax[l][i]] += r[i];
                    }
                }
                r = convBackward(spec, abs[l], inputs[l], pre, grad);
            } else {
                r = denseBackward(spec, abs[l], inputs[l], r, grad);
            }
            float[] s = new float[grad.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) (abs[l][i] * grad[i]);
            }
            scores.set(l, s);
        }
        return scores;
    }

    /** Side of a conv layer's output after its max pooling. */
    private static int pooledSide(LayerSpec l) {
        return l.poolAfter() > 0 ? l.outputHeight() / l.poolAfter() : l.outputHeight();
    }

    /**
     * This pass follows the weight layers as a chain (conv with optional max pooling, then dense
     * layers); a graph with other nodes between them is refused rather than scored wrongly.
     */
    private static void requireChain(NetworkSpec net) {
        String refused = refusal(net);
        if (refused != null) {
            throw new dev.prune.engine.Topology.Coupled(refused);
        }
    }

    /** Why this pass cannot score the network, or null when it can. */
    static String refusal(NetworkSpec net) {
        for (dev.prune.engine.Node node : net.nodes()) {
            boolean pool = node.kind() == dev.prune.engine.NodeKind.MAX_POOL
                    && net.indexOf(node.input()).map(l -> net.layers().get(l).poolAfter() > 0).orElse(false);
            boolean chained = node.inputs().size() == 1 && (node.input().equals(NetworkSpec.INPUT)
                    || net.indexOf(node.input()).isPresent() || net.node(node.input()).map(
                            p -> p.kind() == dev.prune.engine.NodeKind.MAX_POOL).orElse(false));
            if (!(node.kind().weighted() || pool) || !chained) {
                return "SynFlow's data-free pass does not handle the " + node.kind().word() + " '" + node.name()
                        + "' of " + net.name() + " yet";
            }
        }
        return null;
    }

    private static int sq(int x) {
        return x * x;
    }

    private static double[] denseForward(LayerSpec l, double[] w, double[] in) {
        double[] out = new double[l.nOut()];
        int fanIn = l.fanIn();
        for (int u = 0; u < out.length; u++) {
            double sum = 0;
            for (int j = 0; j < fanIn; j++) {
                sum += w[u * fanIn + j] * in[j];
            }
            out[u] = sum;
        }
        return out;
    }

    /** Fills grad (dR/dw) and returns dR/d(input). */
    private static double[] denseBackward(LayerSpec l, double[] w, double[] in, double[] r, double[] grad) {
        int fanIn = l.fanIn();
        double[] back = new double[fanIn];
        for (int u = 0; u < l.nOut(); u++) {
            for (int j = 0; j < fanIn; j++) {
                grad[u * fanIn + j] = r[u] * in[j];
                back[j] += w[u * fanIn + j] * r[u];
            }
        }
        return back;
    }

    private static double[] convForward(LayerSpec l, double[] w, double[] in) {
        int k = l.kernel();
        int p = l.padding();
        int s = l.inputHeight();
        int o = l.outputHeight();
        double[] out = new double[l.nOut() * o * o];
        for (int co = 0; co < l.nOut(); co++) {
            for (int ci = 0; ci < l.nIn(); ci++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        double wv = w[co * l.fanIn() + ci * k * k + ky * k + kx];
                        if (wv == 0) {
                            continue;
                        }
                        for (int y = 0; y < o; y++) {
                            int iy = y + ky - p;
                            if (iy < 0 || iy >= s) {
                                continue;
                            }
                            for (int x = 0; x < o; x++) {
                                int ix = x + kx - p;
                                if (ix >= 0 && ix < s) {
                                    out[(co * o + y) * o + x] += wv * in[(ci * s + iy) * s + ix];
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static double[] convBackward(LayerSpec l, double[] w, double[] in, double[] r, double[] grad) {
        int k = l.kernel();
        int p = l.padding();
        int s = l.inputHeight();
        int o = l.outputHeight();
        double[] back = new double[l.nIn() * s * s];
        for (int co = 0; co < l.nOut(); co++) {
            for (int ci = 0; ci < l.nIn(); ci++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        int wi = co * l.fanIn() + ci * k * k + ky * k + kx;
                        double g = 0;
                        for (int y = 0; y < o; y++) {
                            int iy = y + ky - p;
                            if (iy < 0 || iy >= s) {
                                continue;
                            }
                            for (int x = 0; x < o; x++) {
                                int ix = x + kx - p;
                                if (ix >= 0 && ix < s) {
                                    double rv = r[(co * o + y) * o + x];
                                    g += rv * in[(ci * s + iy) * s + ix];
                                    back[(ci * s + iy) * s + ix] += w[wi] * rv;
                                }
                            }
                        }
                        grad[wi] = g;
                    }
                }
            }
        }
        return back;
    }

    /** Max pooling with window and stride {@code poolAfter}, a ragged edge dropped; records each window's first maximum. */
    private static double[] poolForward(LayerSpec l, double[] in, int[] argmax) {
        int o = l.outputHeight();
        int pool = l.poolAfter();
        int side = pooledSide(l);
        double[] out = new double[l.nOut() * side * side];
        for (int c = 0; c < l.nOut(); c++) {
            for (int py = 0; py < side; py++) {
                for (int px = 0; px < side; px++) {
                    int best = -1;
                    for (int dy = 0; dy < pool; dy++) {
                        for (int dx = 0; dx < pool; dx++) {
                            int i = (c * o + py * pool + dy) * o + px * pool + dx;
                            if (best < 0 || in[i] > in[best]) {
                                best = i;
                            }
                        }
                    }
                    int at = (c * side + py) * side + px;
                    out[at] = in[best];
                    argmax[at] = best;
                }
            }
        }
        return out;
    }
}

package dev.prune.pruning;

import dev.prune.engine.LayerKind;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * i-SpaSP (Wolfe, Tan and Kyrillidis, L4DC 2022): the hidden units a dense layer keeps are chosen
 * as a sparse signal is recovered by CoSaMP. Unit i contributes c_i = a_i h_i^T to the output of
 * the layer that reads it (a_i: its column of the reader's kept weights; h_i: its activations on
 * a batch of training examples); the layer's output is Y = sum_i c_i + bias, the pruned layer's
 * sum_{i in S} c_i + bias, so the residual is V = Y - sum_{i in S} c_i. Every quantity needed is
 * in the Gram matrix of the contributions, G_ij = <c_i, c_j> = (a_i . a_j)(h_i . h_j). Each of the
 * rounds takes a batch of its own and, starting from S empty:
 * <ol>
 * <li>scores every unit by its correlation with the residual, p_i = <V, c_i> = sum_{j not in S} G_ij;</li>
 * <li>merges the 2s units of highest p with S;</li>
 * <li>fits Y on the merged units by least squares, (G_TT + eps I) b = (<Y, c_i>)_i, and keeps the s
 * with the largest |b_i| ||c_i|| (CoSaMP's pruning of the estimate; ||c_i|| since the columns are
 * not normalised).</li>
 * </ol>
 * The kept units' weights are left as they are (coefficient 1), so the residual of the next round
 * is that of the network the masks make. Layers are pruned greedily from the first to the last: Y
 * is always the dense (before this step) network's output of the reader, while a later layer's
 * contributions c'_i = a_i h'_i^T come from the network with the layers before it already pruned,
 * so G' = (a_i . a_j)(h'_i . h'_j) and <Y, c'_i> = sum_j (a_i . a_j)(h'_i . h_j). [reconstructed:
 * the score is the signed correlation (a unit anticorrelated with the residual would enlarge it),
 * the least-squares step, the ridge eps = 1e-9 of the mean diagonal, ties by position.]
 *
 * <p>A conv's units are its channels (filters): channel i's contribution to the output of the conv
 * or dense layer that reads it is the reader's slice for channel i applied to channel i's map
 * ({@link #channelGram}), and G_ij = <c_i, c_j> is summed over the examples. The rounds are the same.
 * [reconstructed: the paper's structured pruning of CNN channels is described, its code was not
 * read here.]
 */
public final class ISpaSP extends UnitCriterion {
    private final int rounds;
    private final int examples;

    /** @param examples training examples per round; round t reads the t-th block of them */
    public ISpaSP(int rounds, int examples) {
        super(Set.of(LayerKind.DENSE, LayerKind.CONV));
        if (rounds < 1 || examples < 1) {
            throw new IllegalArgumentException("ispasp needs at least one round and one example, got rounds="
                    + rounds + ", examples=" + examples);
        }
        this.rounds = rounds;
        this.examples = examples;
    }

    public int rounds() {
        return rounds;
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.ACTIVATIONS);
    }

    @Override
    public String refuses(NetworkSpec net, int layer) {
        LayerSpec self = net.layers().get(layer);
        try {
            Optional<Topology.Feed> feed = net.topology().next(layer);
            if (feed.isPresent()) {
                LayerSpec reader = net.layers().get(feed.get().layer());
                if (self.kind() == LayerKind.DENSE && feed.get().span() == 1 && reader.kind() != LayerKind.CONV) {
                    return null;
                }
                if (self.kind() == LayerKind.CONV && (reader.kind() != LayerKind.CONV || reader.groups() == 1)) {
                    return null;
                }
            }
        } catch (Topology.Coupled e) {
            return "ispasp needs the one layer that reads '" + self.name() + "': " + e.getMessage();
        }
        return self.kind() == LayerKind.CONV
                ? "ispasp compares the output of the layer that reads '" + self.name() + "', and no dense layer or "
                        + "conv of one group reads its channels"
                : "ispasp compares the output of the dense layer that reads '" + self.name()
                        + "', and no dense layer reads it unit by unit";
    }

    /**
     * Each unit's correlation with the whole output of its reader, <Y, c_i> on the first batch: the
     * first round's score, for reading side by side with other criteria.
     */
    @Override
    public List<float[]> unitScores(ScoreInputs inputs) {
        List<float[]> outputs = inputs.probe().outputs(0, examples);
        List<float[]> out = new ArrayList<>();
        for (int l = 0; l < inputs.weights().size(); l++) {
            if (!scored(inputs.network(), l)) {
                out.add(null);
                continue;
            }
            int[] alive = alive(inputs.network(), inputs.masks(), l);
            double[][] g = gram(inputs, l, alive, outputs.get(l));
            float[] s = new float[inputs.network().layers().get(l).nOut()];
            for (int i = 0; i < alive.length; i++) {
                s[alive[i]] = (float) Arrays.stream(g[i]).sum();
            }
            out.add(s);
        }
        return out;
    }

    @Override
    public List<float[]> prune(ScoreInputs inputs, boolean[] selected, double rate, boolean global) {
        NetworkSpec net = inputs.network();
        List<float[]> masks = MaskPlanner.copy(inputs.masks());
        List<List<float[]>> dense = new ArrayList<>();
        boolean changed = false;
        for (int l = 0; l < net.layers().size(); l++) {
            if (!selected[l] || !scored(net, l)) {
                continue;
            }
            int[] alive = alive(net, inputs.masks(), l);
            // As UnitPlanner counts: ceil(rate * alive) go, and a layer keeps at least one unit.
            int keep = Math.max(1, alive.length - MaskPlanner.count(rate, alive.length));
            if (keep >= alive.length) {
                continue;
            }
            List<Integer> support = List.of();
            for (int t = 0; t < rounds; t++) {
                if (dense.size() == t) {
                    dense.add(inputs.probe().outputs(t * examples, examples));
                }
                float[] h = dense.get(t).get(l);
                // The layers before, as this step has pruned them: the pruned network's own outputs.
                float[] pruned = changed ? inputs.probe().outputs(t * examples, examples, masks).get(l) : h;
                double[][] g = gram(inputs, l, alive, pruned, pruned);
                double[][] cross = gram(inputs, l, alive, pruned, h);
                double[] target = new double[alive.length];
                for (int i = 0; i < alive.length; i++) {
                    target[i] = Arrays.stream(cross[i]).sum();
                }
                support = round(g, target, support, keep);
            }
            Set<Integer> kept = new TreeSet<>(support);
            for (int i = 0; i < alive.length; i++) {
                if (!kept.contains(i)) {
                    Units.remove(net, masks, l, alive[i]);
                }
            }
            changed = true;
        }
        return masks;
    }

    private boolean scored(NetworkSpec net, int l) {
        return supports(net.layers().get(l).kind()) && refuses(net, l) == null;
    }

    private static int[] alive(NetworkSpec net, List<float[]> masks, int l) {
        List<Integer> out = new ArrayList<>();
        for (int u = 0; u < net.layers().get(l).nOut(); u++) {
            if (Units.alive(net, masks, l, u)) {
                out.add(u);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * G over the alive units of layer l: (a_i . a_j)(h_i . h_j), a from the reader's kept weights,
     * h from {@code acts}, the layer's outputs example by example ({@code e * units + u}).
     */
    static double[][] gram(ScoreInputs inputs, int l, int[] alive, float[] acts) {
        return gram(inputs, l, alive, acts, acts);
    }

    /**
     * (a_i . a_j)(h_i . k_j): with k = h the Gram matrix of the contributions; with h the pruned
     * network's outputs and k the dense network's, <c'_i, c_j>, whose row sums are <Y, c'_i>.
     */
    static double[][] gram(ScoreInputs inputs, int l, int[] alive, float[] acts, float[] other) {
        NetworkSpec net = inputs.network();
        LayerSpec layer = net.layers().get(l);
        if (layer.kind() == LayerKind.CONV) {
            return channelGram(inputs, l, alive, acts, other);
        }
        int reader = net.topology().next(l).orElseThrow().layer();
        LayerSpec next = net.layers().get(reader);
        float[] w = inputs.weights().get(reader);
        float[] m = inputs.masks().get(reader);
        int n = alive.length;
        int outs = next.nOut();
        double[][] a = new double[n][outs];
        for (int i = 0; i < n; i++) {
            for (int v = 0; v < outs; v++) {
                int at = v * next.fanIn() + alive[i];
                a[i][v] = (double) w[at] * m[at];
            }
        }
        double[][] h = rows(acts, layer.nOut(), alive);
        double[][] k = other == acts ? h : rows(other, layer.nOut(), alive);
        double[][] g = new double[n][n];
        boolean symmetric = k == h;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < (symmetric ? i + 1 : n); j++) {
                g[i][j] = dot(a[i], a[j]) * dot(h[i], k[j]);
                if (symmetric) {
                    g[j][i] = g[i][j];
                }
            }
        }
        return g;
    }

    /**
     * The same for the channels of a conv, whose outputs are maps: channel i contributes
     * c_i[v, p] = sum_k a[v, i, k] h_i[q(p, k)] to output v of the reader at its position p, where
     * q(p, k) is the position of channel i's map (as the reader reads it, after batch norm,
     * activation and pooling) that the reader's tap k meets there (none in the padding); a dense
     * reader of the flattened map has one position and a tap per position of the map. The
     * contributions are built example by example and G_ij = sum over examples of <c_i, k_j>, so no
     * more than one example's are held at a time.
     */
    static double[][] channelGram(ScoreInputs inputs, int l, int[] alive, float[] acts, float[] other) {
        NetworkSpec net = inputs.network();
        LayerSpec layer = net.layers().get(l);
        Topology.Feed feed = net.topology().next(l).orElseThrow();
        LayerSpec next = net.layers().get(feed.layer());
        float[] w = inputs.weights().get(feed.layer());
        float[] m = inputs.masks().get(feed.layer());
        int[][] taps = taps(next, feed.span());
        int map = next.kind() == LayerKind.CONV ? next.inputHeight() * next.inputHeight() : feed.span();
        int batch = acts.length / (layer.nOut() * map);
        int n = alive.length;
        double[][] g = new double[n][n];
        for (int e = 0; e < batch; e++) {
            double[][] c = contributions(w, m, next, feed.span(), taps, alive, acts, e * layer.nOut() * map, map);
            double[][] k = other == acts ? c
                    : contributions(w, m, next, feed.span(), taps, alive, other, e * layer.nOut() * map, map);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    g[i][j] += dot(c[i], k[j]);
                }
            }
        }
        return g;
    }

    /**
     * For each output position p of the reader and each tap k of a channel's span, the position of
     * the channel's map read there, or -1 in the padding: a conv's kernel slides with its stride
     * over the padded map; a dense reader reads position k with tap k at its one position.
     */
    static int[][] taps(LayerSpec reader, int span) {
        if (reader.kind() != LayerKind.CONV) {
            int[][] t = new int[1][span];
            for (int k = 0; k < span; k++) {
                t[0][k] = k;
            }
            return t;
        }
        int in = reader.inputHeight();
        int out = reader.outputHeight();
        int kernel = reader.kernel();
        int[][] t = new int[out * out][kernel * kernel];
        for (int oy = 0; oy < out; oy++) {
            for (int ox = 0; ox < out; ox++) {
                for (int ky = 0; ky < kernel; ky++) {
                    for (int kx = 0; kx < kernel; kx++) {
                        int y = oy * reader.stride() + ky - reader.padding();
                        int x = ox * reader.stride() + kx - reader.padding();
                        t[oy * out + ox][ky * kernel + kx] = y >= 0 && y < in && x >= 0 && x < in ? y * in + x : -1;
                    }
                }
            }
        }
        return t;
    }

    /** One example's contributions of the alive channels, each over (reader output v, position p). */
    private static double[][] contributions(float[] w, float[] m, LayerSpec next, int span, int[][] taps, int[] alive,
                                            float[] acts, int at, int map) {
        int outs = next.nOut();
        int positions = taps.length;
        double[][] c = new double[alive.length][outs * positions];
        for (int i = 0; i < alive.length; i++) {
            int channel = at + alive[i] * map;
            for (int v = 0; v < outs; v++) {
                int row = v * next.fanIn() + alive[i] * span;
                for (int p = 0; p < positions; p++) {
                    double sum = 0;
                    for (int k = 0; k < span; k++) {
                        int q = taps[p][k];
                        if (q >= 0) {
                            sum += (double) w[row + k] * m[row + k] * acts[channel + q];
                        }
                    }
                    c[i][v * positions + p] = sum;
                }
            }
        }
        return c;
    }

    /** Each alive unit's outputs over the examples. */
    private static double[][] rows(float[] acts, int units, int[] alive) {
        int batch = acts.length / units;
        double[][] h = new double[alive.length][batch];
        for (int i = 0; i < alive.length; i++) {
            for (int e = 0; e < batch; e++) {
                h[i][e] = acts[e * units + alive[i]];
            }
        }
        return h;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /**
     * One CoSaMP round on the Gram matrix of the contributions: the support (indices into G) after
     * identification, merging and pruning to {@code s}.
     */
    static List<Integer> round(double[][] g, List<Integer> support, int s) {
        double[] target = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            target[i] = Arrays.stream(g[i]).sum();
        }
        return round(g, target, support, s);
    }

    /**
     * The same with the target's correlations given: {@code target[i]} = <Y, c_i>, so the residual's
     * is p_i = target_i - sum_{j in S} G_ij.
     */
    static List<Integer> round(double[][] g, double[] target, List<Integer> support, int s) {
        int n = g.length;
        boolean[] in = new boolean[n];
        support.forEach(i -> in[i] = true);
        double[] proxy = new double[n];
        for (int i = 0; i < n; i++) {
            proxy[i] = target[i];
            for (int j = 0; j < n; j++) {
                proxy[i] -= in[j] ? g[i][j] : 0;
            }
        }
        List<Integer> merged = new ArrayList<>(support);
        for (int i : top(proxy, Math.min(2 * s, n))) {
            if (!in[i]) {
                merged.add(i);
                in[i] = true;
            }
        }
        merged.sort(null);
        int k = merged.size();
        double[][] gtt = new double[k][k];
        double[] r = new double[k];
        double trace = 0;
        for (int x = 0; x < k; x++) {
            r[x] = target[merged.get(x)];
            trace += g[merged.get(x)][merged.get(x)];
            for (int y = 0; y < k; y++) {
                gtt[x][y] = g[merged.get(x)][merged.get(y)];
            }
        }
        double eps = 1e-9 * trace / k + Double.MIN_NORMAL;
        for (int x = 0; x < k; x++) {
            gtt[x][x] += eps;
        }
        double[] b = solve(gtt, r);
        double[] weight = new double[k];
        for (int x = 0; x < k; x++) {
            weight[x] = Math.abs(b[x]) * Math.sqrt(g[merged.get(x)][merged.get(x)]);
        }
        List<Integer> out = new ArrayList<>();
        for (int x : top(weight, Math.min(s, k))) {
            out.add(merged.get(x));
        }
        out.sort(null);
        return out;
    }

    /** Indices of the {@code count} largest values, ties to the lower index. */
    private static List<Integer> top(double[] values, int count) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -values[i]).thenComparingInt(i -> i));
        return order.subList(0, count);
    }

    /** Gaussian elimination with partial pivoting; a and b are overwritten. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] row = a[c];
            a[c] = a[p];
            a[p] = row;
            double t = b[c];
            b[c] = b[p];
            b[p] = t;
            if (a[c][c] == 0) {
                continue;
            }
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                if (f != 0) {
                    for (int k = c; k < n; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                    b[r] -= f * b[c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = a[r][r] == 0 ? 0 : s / a[r][r];
        }
        return x;
    }
}

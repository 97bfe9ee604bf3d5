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
 */
public final class ISpaSP extends UnitCriterion {
    private final int rounds;
    private final int examples;

    /** @param examples training examples per round; round t reads the t-th block of them */
    public ISpaSP(int rounds, int examples) {
        super(Set.of(LayerKind.DENSE));
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
        try {
            Optional<Topology.Feed> feed = net.topology().next(layer);
            if (feed.isPresent() && feed.get().span() == 1
                    && net.layers().get(feed.get().layer()).kind() != LayerKind.CONV) {
                return null;
            }
        } catch (Topology.Coupled e) {
            return "ispasp needs the one layer that reads '" + net.layers().get(layer).name() + "': " + e.getMessage();
        }
        return "ispasp compares the output of the dense layer that reads '" + net.layers().get(layer).name()
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

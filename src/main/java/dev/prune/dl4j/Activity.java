package dev.prune.dl4j;

import dev.prune.engine.UnitActivity;
import java.util.ArrayList;
import java.util.List;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Topology;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-unit activation statistics over training examples: mean |a| (DropNet) and the share of exact
 * zeros (APoZ, dead ReLU outputs). A layer's activations are taken after its activation
 * (its own, or the batch norm and activation nodes after it) and before any pooling; a filter's statistics run over all its positions.
 */
final class Activity {
    /** Examples per forward pass: the chunks of every pass start at multiples of it. */
    static final int CHUNK = 500;

    private Activity() {
    }

    /**
     * Running per-unit sums of the examples seen so far, from example 0: sum of |a|, count of
     * exact zeros, and the number of values each unit had (examples times positions).
     */
    static final class Sums {
        final double[][] abs;
        final double[][] zeros;
        final long[] positions;
        int examples;

        Sums(List<WeightLayout> layouts) {
            abs = new double[layouts.size()][];
            zeros = new double[layouts.size()][];
            positions = new long[layouts.size()];
            for (int l = 0; l < abs.length; l++) {
                abs[l] = new double[layouts.get(l).spec().nOut()];
                zeros[l] = new double[abs[l].length];
            }
        }

        private Sums(Sums other) {
            abs = new double[other.abs.length][];
            zeros = new double[other.abs.length][];
            positions = other.positions.clone();
            examples = other.examples;
            for (int l = 0; l < abs.length; l++) {
                abs[l] = other.abs[l].clone();
                zeros[l] = other.zeros[l].clone();
            }
        }

        Sums copy() {
            return new Sums(this);
        }

        /** Means over the values seen; 0 for a layer that saw none. */
        UnitActivity activity() {
            List<float[]> meanAbs = new ArrayList<>();
            List<float[]> zeroShare = new ArrayList<>();
            for (int l = 0; l < abs.length; l++) {
                float[] m = new float[abs[l].length];
                float[] z = new float[abs[l].length];
                for (int u = 0; u < m.length && positions[l] > 0; u++) {
                    m[u] = (float) (abs[l][u] / positions[l]);
                    z[u] = (float) (zeros[l][u] / positions[l]);
                }
                meanAbs.add(m);
                zeroShare.add(z);
            }
            return new UnitActivity(meanAbs, zeroShare, examples);
        }
    }

    /**
     * The forward pass of one network and where each layer's activated units are read: after its
     * activation (its own, or the batch norm and activation nodes after it), before any pooling.
     * Two layers may read one node (a residual block's convolutions, after the add and ReLU).
     */
    static final class Measuring {
        private final InferencePass pass;
        private final int[][] layersAt;

        Measuring(ComputationGraph net, NetworkSpec spec) {
            Topology topology = spec.topology();
            String[] taken = new String[spec.layers().size()];
            Map<Integer, List<Integer>> at = new java.util.TreeMap<>();
            for (int l = 0; l < taken.length; l++) {
                taken[l] = topology.activated(l);
                at.computeIfAbsent(net.getVertex(taken[l]).getVertexIndex(), k -> new ArrayList<>()).add(l);
            }
            pass = new InferencePass(net, taken);
            layersAt = new int[net.getVertices().length][];
            at.forEach((vertex, layers) -> layersAt[vertex] = layers.stream().mapToInt(Integer::intValue).toArray());
        }

        /** Adds training examples [from, to), one forward pass in inference mode, to the running sums. */
        void add(SplitArrays train, int from, int to, Sums sums) {
            pass.run(train.features(from, to), (vertex, act, channelsLast) -> {
                for (int l : layersAt[vertex]) {
                    accumulate(act, sums.abs[l], sums.zeros[l], channelsLast);
                    sums.positions[l] += act.length() / sums.abs[l].length;
                }
            });
            sums.examples += to - from;
        }
    }

    /** Statistics of the first {@code examples} training examples (all when 0 or more), in one pass of its own. */
    static UnitActivity measure(ComputationGraph net, NetworkSpec spec, List<WeightLayout> layouts, SplitArrays train,
                                int examples) {
        int n = examples <= 0 ? train.count() : Math.min(examples, train.count());
        Measuring measuring = new Measuring(net, spec);
        Sums sums = new Sums(layouts);
        for (int a = 0; a < n; a += CHUNK) {
            measuring.add(train, a, Math.min(n, a + CHUNK), sums);
        }
        return sums.activity();
    }

    /**
     * The dense layers' post-activation outputs on training examples [from, from + count), e * units
     * + u; a conv's maps as the one layer that reads its channels reads them (after batch norm,
     * activation and pooling), e * (channels * positions) + c * positions + q, or null where no one
     * layer does.
     */
    static List<float[]> outputs(ComputationGraph net, NetworkSpec spec, SplitArrays train, int from, int count) {
        Topology topology = spec.topology();
        Map<String, INDArray> acts = net.feedForward(train.features(from, from + count), false);
        List<float[]> out = new ArrayList<>();
        for (int l = 0; l < spec.layers().size(); l++) {
            dev.prune.engine.LayerKind kind = spec.layers().get(l).kind();
            INDArray act = kind == dev.prune.engine.LayerKind.DENSE ? acts.get(topology.activated(l))
                    : kind == dev.prune.engine.LayerKind.CONV ? acts.get(readersInput(spec, topology, l)) : null;
            // A [count, units] array in 'c' order is already example by example.
            INDArray flat = act == null ? null : act.dup('c');
            out.add(flat == null ? null : flat.data().asFloat());
            free(flat);
        }
        acts.remove(NetworkSpec.INPUT);
        free(acts.values().toArray(new INDArray[0]));
        return out;
    }

    /** The node the one weight layer reading layer l's channels reads, or null where there is none. */
    private static String readersInput(NetworkSpec spec, Topology topology, int l) {
        try {
            return topology.next(l).map(f -> spec.weightNode(f.layer()).inputs().get(0)).orElse(null);
        } catch (Topology.Coupled e) {
            return null;
        }
    }

    /**
     * Adds each unit's sum of |a| and count of exact zeros over a chunk's activations, [n, units]
     * or [n, units, h, w], in one pass over the native buffer itself (a strided view is copied
     * first). It replaced five ND4J operations per layer (abs, eq, a cast to double and two
     * reductions over the batch and positions), each allocating its result: DropNet's scoring of
     * LeNet-5 spent most of its time in them. libnd4j's own reductions were measured as the
     * alternative and are no faster (a [500, 6, 28, 28] chunk: 9 ms for the L1 norm over the
     * batch and positions alone, 8-9 ms for this whole loop) and accumulate in float, which moved
     * a quarter of LeNet-5's unit means by up to 1e-3 relative.
     */
    static void accumulate(INDArray act, double[] abs, double[] zeros) {
        accumulate(act, abs, zeros, false);
    }

    /**
     * {@link #accumulate(INDArray, double[], double[])} for a chunk that is channels-first as DL4J
     * keeps it, or channels-last, [n, h, w, units]. Either way each unit's values of an example
     * are added position by position into a double sum of their own, which is then added to the
     * unit's total: the same additions in the same order, so the same bits, whatever the layout.
     * Four units are summed side by side, each in its own order: one sum is a chain of dependent
     * additions that waits on the adder's latency, four chains keep it busy.
     */
    static void accumulate(INDArray act, double[] abs, double[] zeros, boolean channelsLast) {
        INDArray dense = act.ordering() == 'c' && !act.isView() ? act : act.dup('c');
        FloatBuffer values = dense.dataType() == DataType.FLOAT ? dense.data().asNioFloat()
                : FloatBuffer.wrap(dense.data().asFloat());
        int units = abs.length;
        int positions = (int) (act.length() / act.size(0) / units);
        int unitStride = channelsLast ? 1 : positions;
        int positionStride = channelsLast ? units : 1;
        float[] row = new float[units * positions];
        for (long r = 0; r < act.size(0); r++) {
            values.get((int) (r * row.length), row, 0, row.length);
            addRow(row, positions, unitStride, positionStride, abs, zeros);
        }
        if (dense != act) {
            dense.close();
        }
    }

    private static void addRow(float[] row, int positions, int us, int ps, double[] abs, double[] zeros) {
        int units = abs.length;
        int u = 0;
        for (; u + 3 < units; u += 4) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int z0 = 0;
            int z1 = 0;
            int z2 = 0;
            int z3 = 0;
            for (int p = 0, i = u * us; p < positions; p++, i += ps) {
                float a = row[i];
                float b = row[i + us];
                float c = row[i + 2 * us];
                float d = row[i + 3 * us];
                s0 += Math.abs(a);
                s1 += Math.abs(b);
                s2 += Math.abs(c);
                s3 += Math.abs(d);
                z0 += a == 0f ? 1 : 0;
                z1 += b == 0f ? 1 : 0;
                z2 += c == 0f ? 1 : 0;
                z3 += d == 0f ? 1 : 0;
            }
            abs[u] += s0;
            abs[u + 1] += s1;
            abs[u + 2] += s2;
            abs[u + 3] += s3;
            zeros[u] += z0;
            zeros[u + 1] += z1;
            zeros[u + 2] += z2;
            zeros[u + 3] += z3;
        }
        for (; u < units; u++) {
            double sum = 0;
            int zero = 0;
            for (int p = 0, i = u * us; p < positions; p++, i += ps) {
                float v = row[i];
                sum += Math.abs(v);
                zero += v == 0f ? 1 : 0;
            }
            abs[u] += sum;
            zeros[u] += zero;
        }
    }

    /**
     * Frees arrays at once. A pass over 10,000 LeNet-5 examples makes about 300 MB of them, off
     * the heap, where the collector does not see the pressure: left to it, they piled up to 10 GB
     * of resident memory over the cycles of a small recipe.
     */
    static void free(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }
}

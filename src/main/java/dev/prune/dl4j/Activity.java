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
    private static final int CHUNK = 500;

    private Activity() {
    }

    static UnitActivity measure(ComputationGraph net, NetworkSpec spec, List<WeightLayout> layouts, SplitArrays train,
                                int examples) {
        Topology topology = spec.topology();
        String[] taken = new String[layouts.size()];
        for (int l = 0; l < taken.length; l++) {
            taken[l] = topology.activated(l);
        }
        int n = examples <= 0 ? train.count() : Math.min(examples, train.count());
        double[][] abs = new double[layouts.size()][];
        double[][] zeros = new double[layouts.size()][];
        long[] positions = new long[layouts.size()];
        for (int a = 0; a < n; a += CHUNK) {
            int b = Math.min(n, a + CHUNK);
            Map<String, INDArray> acts = net.feedForward(train.features(a, b), false);
            for (int l = 0; l < layouts.size(); l++) {
                INDArray act = acts.get(taken[l]);
                int units = (int) act.size(1);
                if (abs[l] == null) {
                    abs[l] = new double[units];
                    zeros[l] = new double[units];
                }
                accumulate(act, abs[l], zeros[l]);
                positions[l] += act.length() / units;
            }
            // The input is the caller's, a view of the data: only the activations are freed.
            acts.remove(NetworkSpec.INPUT);
            free(acts.values().toArray(new INDArray[0]));
        }
        List<float[]> meanAbs = new ArrayList<>();
        List<float[]> zeroShare = new ArrayList<>();
        for (int l = 0; l < layouts.size(); l++) {
            int units = layouts.get(l).spec().nOut();
            float[] m = new float[units];
            float[] z = new float[units];
            for (int u = 0; u < units && abs[l] != null; u++) {
                m[u] = (float) (abs[l][u] / positions[l]);
                z[u] = (float) (zeros[l][u] / positions[l]);
            }
            meanAbs.add(m);
            zeroShare.add(z);
        }
        return new UnitActivity(meanAbs, zeroShare, n);
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
        INDArray dense = act.ordering() == 'c' && !act.isView() ? act : act.dup('c');
        FloatBuffer values = dense.dataType() == DataType.FLOAT ? dense.data().asNioFloat()
                : FloatBuffer.wrap(dense.data().asFloat());
        int units = abs.length;
        int positions = (int) (act.length() / act.size(0) / units);
        int at = 0;
        for (long row = 0; row < act.size(0); row++) {
            for (int u = 0; u < units; u++) {
                double sum = 0;
                int zero = 0;
                for (int p = 0; p < positions; p++) {
                    float v = values.get(at++);
                    sum += Math.abs(v);
                    zero += v == 0f ? 1 : 0;
                }
                abs[u] += sum;
                zeros[u] += zero;
            }
        }
        if (dense != act) {
            dense.close();
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

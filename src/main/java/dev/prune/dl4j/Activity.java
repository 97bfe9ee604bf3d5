package dev.prune.dl4j;

import dev.prune.engine.UnitActivity;
import java.util.ArrayList;
import java.util.List;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Topology;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

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
                int[] dims = act.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
                INDArray absolute = Transforms.abs(act, true);
                INDArray absSum = absolute.sum(dims);
                INDArray isZero = act.eq(0.0);
                INDArray zeroCount = isZero.castTo(DataType.DOUBLE);
                INDArray zeroSum = zeroCount.sum(dims);
                double[] s = absSum.toDoubleVector();
                double[] z = zeroSum.toDoubleVector();
                free(absolute, absSum, isZero, zeroCount, zeroSum);
                if (abs[l] == null) {
                    abs[l] = new double[s.length];
                    zeros[l] = new double[s.length];
                }
                for (int u = 0; u < s.length; u++) {
                    abs[l][u] += s[u];
                    zeros[l][u] += z[u];
                }
                positions[l] += act.length() / s.length;
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

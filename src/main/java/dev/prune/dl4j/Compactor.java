package dev.prune.dl4j;

import dev.prune.engine.CompactResult;
import dev.prune.engine.Cut;
import dev.prune.engine.EngineException;
import dev.prune.engine.LayerKind;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Node;
import dev.prune.engine.NodeKind;
import dev.prune.engine.OptimizerSpec;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Builds the physically smaller network of a structured pruning: DL4J has no sparse kernels, so
 * leaving channels out is the only way a pruned network runs faster. The core says which channels
 * stay ({@link Cut}); here every parameter is sliced by them — conv and dense weights and biases,
 * batch norm's γ, β and running statistics — and so are the optimizer state of each parameter
 * (momentum, Adam's moments, in the parameter's own storage order), the named checkpoints, and
 * the step counts carried over, so that training goes on in the smaller network as it would have
 * in the masked one. The smaller network is checked against the masked one on the test split and
 * both are timed on it.
 */
final class Compactor {
    private static final int BATCH = 1000;
    private static final int REPEATS = 5;
    private static final long MEASURED_NANOS = 50_000_000;

    /** The smaller network, ready to train, and what building it measured. */
    record Compacted(ComputationGraph net, DrivenSchedule schedule, Map<String, INDArray> checkpoints,
                     CompactResult result) {}

    private Compactor() {
    }

    static Compacted compact(ComputationGraph net, Cut cut, OptimizerSpec optimizer, SplitArrays test,
                             Map<String, INDArray> checkpoints) {
        NetworkBuilder.Built built = NetworkBuilder.build(cut.after(), optimizer, 0);
        ComputationGraph small = new ComputationGraph(built.configuration());
        small.init();
        ReluDense.install(small);
        NativeConv.install(small);
        ReluActivation.install(small);
        Map<String, int[][]> plan = plan(cut);
        INDArray current = net.params().dup();
        Map<String, INDArray> sliced = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, INDArray> c : checkpoints.entrySet()) {
                net.params().assign(c.getValue());
                copyParams(net, small, plan);
                sliced.put(c.getKey(), small.params().dup());
            }
        } finally {
            net.params().assign(current);
        }
        copyParams(net, small, plan);
        copyUpdater(net, small, plan);
        small.getConfiguration().setIterationCount(net.getConfiguration().getIterationCount());
        small.getConfiguration().setEpochCount(net.getConfiguration().getEpochCount());
        double difference = 0;
        for (int a = 0; a < test.count(); a += BATCH) {
            int b = Math.min(test.count(), a + BATCH);
            INDArray x = test.features(a, b);
            INDArray expected = net.outputSingle(false, x);
            INDArray actual = small.outputSingle(false, x);
            difference = Math.max(difference, expected.sub(actual).amaxNumber().doubleValue());
        }
        double maskedSeconds = time(net, test);
        double compactSeconds = time(small, test);
        return new Compacted(small, built.schedule(), sliced,
                new CompactResult(difference, maskedSeconds, compactSeconds, test.count()));
    }

    /**
     * For every parameter key ({@code <node>_<param>}), the kept indices per axis of the parameter
     * array (null: the whole axis).
     */
    private static Map<String, int[][]> plan(Cut cut) {
        NetworkSpec net = cut.before();
        Map<String, int[][]> plan = new HashMap<>();
        for (Node n : net.nodes()) {
            if (n.kind() == NodeKind.BATCH_NORM) {
                int[] kept = cut.norms().get(n.name());
                for (String p : new String[] {"gamma", "beta", "mean", "var", "log10stdev"}) {
                    plan.put(n.name() + "_" + p, new int[][] {null, kept});
                }
            } else if (n.kind().weighted()) {
                int l = net.indexOf(n.name()).orElseThrow();
                LayerSpec s = net.layers().get(l);
                int[] units = cut.units().get(l);
                int[] inputs = cut.inputs().get(l);
                int[][] w;
                if (s.kind() != LayerKind.CONV) {
                    w = new int[][] {inputs, units};
                } else if (s.groups() == s.nIn() && s.nOut() == s.nIn()) {
                    // Built as DL4J's depthwise conv (see NetworkBuilder), whose W is [kH, kW, channels, 1].
                    w = new int[][] {null, null, units, null};
                } else {
                    w = new int[][] {units, inputs, null, null};
                }
                plan.put(n.name() + "_W", w);
                plan.put(n.name() + "_b", new int[][] {null, units});
            }
        }
        return plan;
    }

    /** Every parameter of {@code small} from {@code big}'s, sliced. */
    private static void copyParams(ComputationGraph big, ComputationGraph small, Map<String, int[][]> plan) {
        Map<String, INDArray> from = big.paramTable();
        for (Map.Entry<String, INDArray> e : small.paramTable().entrySet()) {
            INDArray source = from.get(e.getKey());
            if (source == null) {
                throw new EngineException("compact found no parameter '" + e.getKey() + "' in the network before");
            }
            e.getValue().assign(take(source, plan.get(e.getKey()), e.getKey()).reshape('c', e.getValue().shape()));
        }
    }

    /**
     * The optimizer state of every parameter, sliced as the parameter. DL4J keeps a block's state
     * as consecutive slices of the block's length (Nesterov: velocity; Adam: first, then second
     * moment), each a copy of the block's parameters' layout.
     */
    private static void copyUpdater(ComputationGraph big, ComputationGraph small, Map<String, int[][]> plan) {
        if (big.getUpdater(false) == null || big.updaterState() == null) {
            return;
        }
        Map<String, Slot> from = slots(big);
        Map<String, Slot> to = slots(small);
        for (Map.Entry<String, Slot> e : to.entrySet()) {
            Slot source = from.get(e.getKey());
            if (source == null || source.slices() != e.getValue().slices()) {
                throw new EngineException("compact cannot carry the optimizer state of '" + e.getKey() + "' over");
            }
            for (int s = 0; s < source.slices(); s++) {
                INDArray state = take(source.read(s), plan.get(e.getKey()), e.getKey());
                e.getValue().write(s, state);
            }
        }
    }

    /** Where one parameter's optimizer state lives: slices of a block's state view. */
    private record Slot(INDArray view, long blockLength, long offset, INDArray param) {
        long slices() {
            return view.length() / blockLength;
        }

        private INDArray range(int s) {
            long start = s * blockLength + offset;
            return view.reshape(view.length()).get(NDArrayIndex.interval(start, start + param.length()));
        }

        INDArray read(int s) {
            return range(s).dup().reshape(param.ordering(), param.shape());
        }

        void write(int s, INDArray state) {
            // Axes of size one never change an order, so the 'c' reshape only restores their count.
            INDArray shaped = state.reshape('c', param.shape());
            INDArray flat = Nd4j.toFlattened(param.ordering(), shaped.dup(param.ordering()));
            range(s).assign(flat.reshape(param.length()));
        }
    }

    private static Map<String, Slot> slots(ComputationGraph g) {
        Map<String, Slot> out = new HashMap<>();
        BaseMultiLayerUpdater<?> updater = g.getUpdater(true);
        if (updater == null) {
            return out;
        }
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            INDArray view = block.getUpdaterView();
            if (view == null) {
                continue;
            }
            long blockLength = block.getParamOffsetEnd() - block.getParamOffsetStart();
            for (UpdaterBlock.ParamState p : block.getLayersAndVariablesInBlock()) {
                // A graph's updater keys its blocks by vertex, named as the node.
                String key = p.getLayer().getConfig().getLayerName() + "_" + p.getParamName();
                out.put(key, new Slot(view, blockLength, p.getParamOffsetStart() - block.getParamOffsetStart(),
                        g.getParam(key)));
            }
        }
        return out;
    }

    /**
     * {@code a} restricted to the kept indices of each axis, as a new 'c'-ordered array. Copied
     * element by element: ND4J's {@code get} with index lists fails on some views in this version.
     */
    private static INDArray take(INDArray a, int[][] axes, String key) {
        if (axes == null) {
            throw new EngineException("compact does not know how to slice parameter '" + key + "'");
        }
        long[] shape = a.shape();
        int rank = shape.length;
        // A [1, n] vector may be stored with rank 2 or (bias of some layers) rank 1.
        int shift = axes.length - rank;
        int[][] keep = new int[rank][];
        long[] out = new long[rank];
        int count = 1;
        for (int axis = 0; axis < rank; axis++) {
            int[] k = axis + shift >= 0 ? axes[axis + shift] : null;
            if (k == null) {
                k = new int[(int) shape[axis]];
                for (int i = 0; i < k.length; i++) {
                    k[i] = i;
                }
            }
            keep[axis] = k;
            out[axis] = k.length;
            count *= k.length;
        }
        float[] from = a.dup('c').data().asFloat();
        long[] stride = new long[rank];
        long step = 1;
        for (int axis = rank - 1; axis >= 0; axis--) {
            stride[axis] = step;
            step *= shape[axis];
        }
        float[] to = new float[count];
        int[] at = new int[rank];
        for (int n = 0; n < count; n++) {
            long source = 0;
            for (int axis = 0; axis < rank; axis++) {
                source += keep[axis][at[axis]] * stride[axis];
            }
            to[n] = from[(int) source];
            for (int axis = rank - 1; axis >= 0 && ++at[axis] == keep[axis].length; axis--) {
                at[axis] = 0;
            }
        }
        return Nd4j.create(to, out, 'c');
    }

    /**
     * Median CPU time of the process (every thread ND4J computes on) for one inference pass over
     * the split: other processes on a shared machine inflate wall time but not this. Each of the
     * five measurements runs enough passes to take at least {@value #MEASURED_NANOS} ns, so that
     * the CPU clock's resolution does not round a small network's pass to zero; one pass warms up.
     */
    private static double time(ComputationGraph net, SplitArrays data) {
        long warm = System.nanoTime();
        pass(net, data);
        long passes = Math.max(1, MEASURED_NANOS / Math.max(1, System.nanoTime() - warm));
        double[] seconds = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            long start = cpuNanos();
            for (long p = 0; p < passes; p++) {
                pass(net, data);
            }
            seconds[r] = (cpuNanos() - start) / 1e9 / passes;
        }
        Arrays.sort(seconds);
        return seconds[REPEATS / 2];
    }

    private static void pass(ComputationGraph net, SplitArrays data) {
        for (int a = 0; a < data.count(); a += BATCH) {
            net.outputSingle(false, data.features(a, Math.min(data.count(), a + BATCH)));
        }
    }

    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return System.nanoTime();
    }
}

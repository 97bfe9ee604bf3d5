package dev.prune.dl4j;

import dev.prune.data.DataSplit;
import dev.prune.data.Dataset;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainRequest;
import dev.prune.engine.TrainResult;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DL4J side of {@code prune bench}: the same network and data trained by a plain DL4J
 * {@code fit} loop and by the engine's loop, and inference timings. Kept apart from the engine so
 * that nothing here runs during a recipe.
 */
public final class Dl4jBench {
    private static final long SEED = 1;

    /**
     * What the engine's loop is asked to do on top of plain training, and whether it must train
     * with DL4J's {@code fit} even where Prune's own step applies ({@code dl4jFit}).
     */
    public record Controls(boolean masks, boolean freeze, boolean lrPerIteration, boolean maskGradients,
                           boolean dl4jFit) {
        public static final Controls NONE = new Controls(false, false, false, false, false);

        /** Masks, a frozen layer and a learning rate per iteration. */
        public static final Controls ALL = new Controls(true, true, true, false, false);

        public Controls onDl4jFit() {
            return new Controls(masks, freeze, lrPerIteration, maskGradients, true);
        }
    }

    /**
     * One timed epoch.
     *
     * @param enforceSeconds time spent inside the mask and freeze listener during the epoch
     * @param cpuSeconds     CPU time of the training thread: with one thread it is what the epoch
     *                       costs, and unlike wall time it does not grow when other processes share the cores
     */
    public record Epoch(double seconds, double cpuSeconds, int iterations, double enforceSeconds) {}

    /** Inference of one network: batch-1 latency and throughput at a large batch, both in CPU time of the calling thread. */
    public record Inference(double latencySeconds, double examplesPerSecond, long weights) {}

    private Dl4jBench() {
    }

    public static void pinThreads(int threads) {
        Backend.pinThreads(threads);
    }

    public static String describe(int threads) {
        return Backend.describe(threads);
    }

    /**
     * Plain DL4J: a {@code ComputationGraph}'s {@code fit(DataSet)} on mini-batches made once in a shuffled order, as a DL4J
     * user would write it, after {@code warmup} iterations; at most {@code limit} iterations are timed.
     */
    public static Epoch plainFit(NetworkSpec spec, OptimizerSpec optimizer, double lr, Dataset train, int batch,
                                 int warmup, int limit) {
        NetworkBuilder.Built built = NetworkBuilder.build(spec, optimizer, SEED);
        built.schedule().set(lr);
        Nd4j.getRandom().setSeed(SEED);
        ComputationGraph net = new ComputationGraph(built.configuration());
        net.init();
        SplitArrays arrays = new SplitArrays(train);
        arrays.shuffle(SEED);
        int batches = (train.count() + batch - 1) / batch;
        List<DataSet> data = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            data.add(new DataSet(arrays.batchFeatures(b, batch), arrays.batchLabels(b, batch)));
        }
        for (int i = 0; i < warmup; i++) {
            net.fit(data.get(i % batches));
        }
        long cpu = cpuNanos();
        long start = System.nanoTime();
        int timed = Math.min(batches, limit);
        for (DataSet d : data.subList(0, timed)) {
            net.fit(d);
        }
        return new Epoch((System.nanoTime() - start) / 1e9, (cpuNanos() - cpu) / 1e9, timed, 0);
    }

    /**
     * The engine's own loop for one epoch after {@code warmup} iterations, with the controls
     * asked for: random masks keeping half of every layer, the last hidden layer frozen, and a
     * learning rate that changes every iteration. At most {@code limit} iterations are timed.
     */
    public static Epoch engineEpoch(NetworkSpec spec, OptimizerSpec optimizer, double lr, DataSplit data, int batch,
                                    int warmup, int limit, int threads, Controls controls) {
        try (Dl4jEngine engine = new Dl4jEngine()) {
            engine.build(spec, optimizer, data, batch, SEED, threads);
            engine.guard().maskGradients(controls.maskGradients());
            engine.dl4jFit(controls.dl4jFit());
            if (controls.masks()) {
                engine.applyMasks(halfMasks(spec));
            }
            if (controls.freeze()) {
                engine.freeze(Set.of(spec.layers().size() - 2));
            }
            int perEpoch = (data.train().count() + batch - 1) / batch;
            TrainRequest warm = new TrainRequest(warmup, 0, i -> lr);
            engine.train(warm, TrainObserver.NONE);
            long before = engine.guard().nanos();
            TrainRequest epoch = new TrainRequest(Math.min(perEpoch, limit), 1, controls.lrPerIteration()
                    ? i -> lr * (0.5 + 0.5 * Math.cos(Math.PI * i / perEpoch))
                    : i -> lr);
            long cpu = cpuNanos();
            TrainResult result = engine.train(epoch, TrainObserver.NONE);
            return new Epoch(result.seconds(), (cpuNanos() - cpu) / 1e9, result.iterations(),
                    (engine.guard().nanos() - before) / 1e9);
        }
    }

    /** Makes the engine forget the unit statistics it keeps, so that the next question is timed with a pass of its own. */
    public static void forgetActivity(Dl4jEngine engine) {
        engine.activityCache().clear();
    }

    /** Whether the engine's unit statistics are shared by the questions asked on the same weights (on by default). */
    public static void shareActivity(Dl4jEngine engine, boolean on) {
        engine.activityCache().sharing(on);
    }

    /** Masks that keep a random half of every layer's weights. */
    static List<float[]> halfMasks(NetworkSpec spec) {
        Random random = new Random(SEED);
        List<float[]> masks = new ArrayList<>();
        for (LayerSpec l : spec.layers()) {
            float[] m = new float[l.weightCount()];
            for (int i = 0; i < m.length; i++) {
                m[i] = random.nextBoolean() ? 1f : 0f;
            }
            masks.add(m);
        }
        return masks;
    }

    /**
     * Times inference of {@code spec} with random weights in CPU time, which the other processes on a
     * shared machine do not inflate as they do wall time: the median of single-example calls, and
     * throughput over {@code data}'s first rows in batches of {@code batch}. With {@code masks}, that
     * share of the weights is zero: a masked network computes exactly as much as a dense one.
     */
    public static Inference inference(NetworkSpec spec, List<float[]> masks, Dataset data, int batch, int calls) {
        NetworkBuilder.Built built = NetworkBuilder.build(spec, OptimizerSpec.sgd(0, 0), SEED);
        Nd4j.getRandom().setSeed(SEED);
        ComputationGraph net = new ComputationGraph(built.configuration());
        net.init();
        if (masks != null) {
            for (int i = 0; i < spec.layers().size(); i++) {
                WeightLayout layout = new WeightLayout(spec.layers().get(i));
                layout.weights(net).muli(layout.mask(net, masks.get(i)));
            }
        }
        SplitArrays arrays = new SplitArrays(data);
        INDArray one = arrays.features(0, 1);
        double[] single = new double[calls];
        for (int c = -calls / 10; c < calls; c++) {
            long start = cpuNanos();
            net.outputSingle(false, one);
            if (c >= 0) {
                single[c] = (cpuNanos() - start) / 1e9;
            }
        }
        int n = data.count();
        double[] passes = new double[5];
        for (int r = -1; r < passes.length; r++) {
            long start = cpuNanos();
            for (int a = 0; a < n; a += batch) {
                net.outputSingle(false, arrays.features(a, Math.min(n, a + batch)));
            }
            if (r >= 0) {
                passes[r] = (cpuNanos() - start) / 1e9;
            }
        }
        return new Inference(median(single), n / median(passes), spec.weightCount());
    }

    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

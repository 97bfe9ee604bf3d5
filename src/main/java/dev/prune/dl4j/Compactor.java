package dev.prune.dl4j;

import dev.prune.engine.CompactResult;
import dev.prune.engine.EngineException;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds the physically smaller network of a structured pruning: DL4J has no sparse kernels, so
 * leaving units out is the only way a pruned network runs faster. The weights come sliced from
 * the core; the biases of the kept units are copied here. The smaller network is checked against
 * the masked one on the test split and both are timed on it.
 */
final class Compactor {
    private static final int BATCH = 1000;
    private static final int REPEATS = 5;

    private Compactor() {
    }

    static CompactResult compact(ComputationGraph net, List<WeightLayout> layouts, SplitArrays test,
                                 NetworkSpec smaller, List<int[]> keep, List<float[]> weights, Path file) {
        NetworkBuilder.Built built = NetworkBuilder.build(smaller, OptimizerSpec.sgd(0, 0), 0);
        ComputationGraph small = new ComputationGraph(built.configuration());
        small.init();
        // Timed against the masked network, so it convolves the same way.
        NativeConv.install(small);
        for (int l = 0; l < layouts.size(); l++) {
            WeightLayout big = layouts.get(l);
            WeightLayout cut = new WeightLayout(smaller.layers().get(l));
            if (weights.get(l).length != smaller.layers().get(l).weightCount()) {
                throw new EngineException("compact layer '" + cut.spec().name() + "' got " + weights.get(l).length
                        + " weights, expected " + smaller.layers().get(l).weightCount());
            }
            cut.weights(small).assign(cut.shaped(small, weights.get(l)));
            INDArray from = big.bias(net);
            INDArray to = cut.bias(small);
            if (from == null) {
                continue;
            }
            int[] units = keep.get(l);
            for (int i = 0; i < units.length; i++) {
                to.putScalar(i, from.getDouble(units[i]));
            }
        }
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
        if (file != null) {
            save(small, file);
        }
        return new CompactResult(difference, maskedSeconds, compactSeconds, test.count());
    }

    /** Median wall time of one inference pass over the split, after one pass to warm up. */
    private static double time(ComputationGraph net, SplitArrays data) {
        double[] seconds = new double[REPEATS];
        for (int r = -1; r < REPEATS; r++) {
            long start = System.nanoTime();
            for (int a = 0; a < data.count(); a += BATCH) {
                net.outputSingle(false, data.features(a, Math.min(data.count(), a + BATCH)));
            }
            if (r >= 0) {
                seconds[r] = (System.nanoTime() - start) / 1e9;
            }
        }
        Arrays.sort(seconds);
        return seconds[REPEATS / 2];
    }

    private static void save(ComputationGraph small, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ModelSerializer.writeModel(small, file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new EngineException("could not save the compact network to " + file + ": " + e.getMessage(), e);
        }
    }
}

package dev.prune.bench;

import dev.prune.data.Dataset;
import dev.prune.dl4j.Dl4jBench;
import dev.prune.dl4j.Dl4jBench.Inference;
import dev.prune.engine.LayerKind;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Inference of a dense network, the same network with half the neurons of every hidden layer
 * masked (their weights in and out zero: DL4J has no sparse kernels, so it computes as much as the
 * dense one), and the compact network that leaves those neurons out.
 */
final class InferenceTiming {
    private static final int BATCH = 1000;

    private InferenceTiming() {
    }

    static void run(NetworkSpec dense, Dataset test, int calls, Table table) {
        NetworkSpec compact = halved(dense);
        String subject = dense.name() + " 50% neurons";
        Inference d = Dl4jBench.inference(dense, null, test, BATCH, calls);
        Inference m = Dl4jBench.inference(dense, halfNeuronMasks(dense), test, BATCH, calls);
        Inference c = Dl4jBench.inference(compact, null, test, BATCH, calls);
        String shape = widths(compact);
        add(table, subject, "dense", d);
        add(table, subject, "masked", m);
        add(table, subject, "compact " + shape, c);
        table.add(new Row("inference", subject, "compact vs masked throughput",
                c.examplesPerSecond() / m.examplesPerSecond(), "x", "batch " + BATCH));
        table.add(new Row("inference", subject, "compact vs masked latency",
                m.latencySeconds() / c.latencySeconds(), "x", "batch 1"));
    }

    private static void add(Table table, String subject, String variant, Inference i) {
        table.add(new Row("inference", subject, variant + " latency", i.latencySeconds() * 1000, "ms",
                "one example, median CPU time"));
        table.add(new Row("inference", subject, variant + " throughput", i.examplesPerSecond(), "examples/s",
                String.format(Locale.ROOT, "batch %d, %d weights, CPU time", BATCH, i.weights())));
    }

    /** The same network with the first half of every hidden layer's units, as compact builds it. */
    static NetworkSpec halved(NetworkSpec dense) {
        List<LayerSpec> layers = new ArrayList<>();
        int in = dense.inputSize();
        for (LayerSpec l : dense.layers()) {
            if (l.kind() == LayerKind.OUTPUT) {
                layers.add(LayerSpec.output(l.name(), in, l.nOut()));
            } else {
                layers.add(LayerSpec.dense(l.name(), in, l.nOut() / 2, l.activation()));
                in = l.nOut() / 2;
            }
        }
        return NetworkSpec.sequential(dense.name() + "_compact", dense.channels(), dense.height(), dense.width(), layers);
    }

    /** Masks that remove the second half of every hidden layer's units: their inputs and outputs. */
    static List<float[]> halfNeuronMasks(NetworkSpec dense) {
        List<float[]> masks = new ArrayList<>();
        int keptInputs = dense.inputSize();
        for (LayerSpec l : dense.layers()) {
            float[] m = new float[l.weightCount()];
            int keptUnits = l.kind() == LayerKind.OUTPUT ? l.nOut() : l.nOut() / 2;
            for (int u = 0; u < keptUnits; u++) {
                Arrays.fill(m, u * l.nIn(), u * l.nIn() + keptInputs, 1f);
            }
            masks.add(m);
            keptInputs = keptUnits;
        }
        return masks;
    }

    private static String widths(NetworkSpec spec) {
        StringBuilder s = new StringBuilder().append(spec.inputSize());
        for (LayerSpec l : spec.layers()) {
            s.append('-').append(l.nOut());
        }
        return s.toString();
    }
}

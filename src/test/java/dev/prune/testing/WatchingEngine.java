package dev.prune.testing;

import dev.prune.data.DataSplit;
import dev.prune.engine.CompactResult;
import dev.prune.engine.Cut;
import dev.prune.engine.Engine;
import dev.prune.engine.EvalResult;
import dev.prune.engine.GradientRequest;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.Snapshot;
import dev.prune.engine.Split;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainRequest;
import dev.prune.engine.TrainResult;
import dev.prune.engine.UnitActivity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@link FakeEngine} that also keeps the weights around every training, every learning-rate
 * curve it was asked to follow, every mask and every gradient request, for tests that recompute
 * what the interpreter decided; {@code save} writes a zip (holding its log) as a model file would be.
 */
public final class WatchingEngine implements Engine {
    public final List<String> log = new ArrayList<>();
    public final List<List<float[]>> beforeTraining = new ArrayList<>();
    public final List<List<float[]>> afterTraining = new ArrayList<>();
    public final List<double[]> rates = new ArrayList<>();
    /** Every mask set, in order. */
    public final List<List<float[]>> masks = new ArrayList<>();
    /** The weights at each gradient request, and the gradients it returned. */
    public final List<List<float[]>> weightsAtGradients = new ArrayList<>();
    public final List<List<float[]>> gradients = new ArrayList<>();
    /** Each named checkpoint as "NAME after N", N the iterations trained in all before it was taken. */
    public final List<String> checkpoints = new ArrayList<>();
    private long trained;
    private final FakeEngine inner = new FakeEngine(log);

    @Override
    public void build(NetworkSpec network, OptimizerSpec optimizer, DataSplit data, int batchSize, long seed,
                      int threads) {
        inner.build(network, optimizer, data, batchSize, seed, threads);
    }

    @Override
    public TrainResult train(TrainRequest request, TrainObserver observer) {
        beforeTraining.add(inner.weights());
        double[] lr = new double[request.iterations()];
        for (int i = 0; i < lr.length; i++) {
            lr[i] = request.lr().applyAsDouble(i);
        }
        rates.add(lr);
        dev.prune.engine.TrainHook hook = request.hook();
        TrainRequest counted = new TrainRequest(request.iterations(), request.dataSeed(), request.lr(), i -> {
            trained++;
            return hook.after(i);
        }, request.penalty());
        TrainResult r = inner.train(counted, observer);
        afterTraining.add(inner.weights());
        return r;
    }

    @Override
    public EvalResult evaluate(Split split) {
        return inner.evaluate(split);
    }

    @Override
    public List<float[]> weights() {
        return inner.weights();
    }

    @Override
    public void scaleWeights(double[] factors) {
        inner.scaleWeights(factors);
    }

    @Override
    public void applyMasks(List<float[]> masks) {
        this.masks.add(masks.stream().map(float[]::clone).toList());
        inner.applyMasks(masks);
    }

    @Override
    public List<float[]> lossGradients(GradientRequest request) {
        weightsAtGradients.add(inner.weights());
        List<float[]> g = inner.lossGradients(request);
        gradients.add(g);
        return g;
    }

    @Override
    public List<float[]> hessianVector(GradientRequest request, List<float[]> vector) {
        return inner.hessianVector(request, vector);
    }

    @Override
    public List<float[]> normScales() {
        return inner.normScales();
    }

    @Override
    public UnitActivity unitActivity(int examples) {
        return inner.unitActivity(examples);
    }

    @Override
    public List<float[]> unitOutputs(int from, int count) {
        return inner.unitOutputs(from, count);
    }

    @Override
    public List<double[]> reshapeSpectrum(List<java.util.function.UnaryOperator<double[]>> spectra) {
        return inner.reshapeSpectrum(spectra);
    }

    @Override
    public CompactResult compact(Cut cut, List<float[]> masks, Path file) {
        return inner.compact(cut, masks, file);
    }

    @Override
    public void checkpoint(String name) {
        checkpoints.add(name + " after " + trained);
        inner.checkpoint(name);
    }

    @Override
    public void rewind(String name) {
        inner.rewind(name);
    }

    @Override
    public Snapshot snapshot() {
        return inner.snapshot();
    }

    @Override
    public void restore(Snapshot snapshot) {
        inner.restore(snapshot);
    }

    @Override
    public void reinitialize(long seed) {
        inner.reinitialize(seed);
    }

    @Override
    public void freeze(Set<Integer> layers) {
        inner.freeze(layers);
    }

    @Override
    public void save(Path file) {
        inner.save(file);
        // a zip with one entry, so that the network's description can be added to it as to a real model file
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(
                java.nio.file.Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("fake-engine.txt"));
            zip.write(log.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public List<float[]> load(Path file) {
        return inner.load(file);
    }

    @Override
    public void saveState(Path file) {
        inner.saveState(file);
    }

    @Override
    public void restoreState(Path file) {
        inner.restoreState(file);
    }

    @Override
    public String describe() {
        return "watching fake engine";
    }

    @Override
    public void close() {
        inner.close();
    }
}

package dev.prune.interp;

import dev.prune.engine.Engine;
import dev.prune.engine.EngineException;
import dev.prune.engine.GradientRequest;
import dev.prune.engine.UnitActivity;
import dev.prune.pruning.Probe;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a criterion's questions from the engine. Mini-batches are the first ones of the
 * training split in its stored order, so a criterion sees the same examples on every run.
 */
public final class EngineProbe implements Probe {
    private final Engine engine;
    private final int batch;
    private final int trainCount;
    private final List<float[]> previous;

    /** @param previous the weights at the start of the last training, or null when nothing has trained */
    public EngineProbe(Engine engine, int batch, int trainCount, List<float[]> previous) {
        this.engine = engine;
        this.batch = batch;
        this.trainCount = trainCount;
        this.previous = previous;
    }

    private int examples(int batches) {
        int n = (int) Math.min((long) batches * batch, trainCount);
        if (n <= 0) {
            throw new EngineException("the criterion needs training examples, but the training split is empty");
        }
        return n;
    }

    @Override
    public List<float[]> gradient(int batches, double temperature) {
        return engine.lossGradients(new GradientRequest(0, examples(batches), temperature));
    }

    @Override
    public List<List<float[]>> batchGradients(int batches) {
        int n = examples(batches);
        List<List<float[]>> out = new ArrayList<>();
        for (int from = 0; from < n; from += batch) {
            out.add(engine.lossGradients(GradientRequest.plain(from, Math.min(batch, n - from))));
        }
        return out;
    }

    @Override
    public List<float[]> hessianGradient(int batches, double temperature) {
        GradientRequest request = new GradientRequest(0, examples(batches), temperature);
        return engine.hessianVector(request, engine.lossGradients(request));
    }

    @Override
    public List<float[]> hessianVector(int batches, List<float[]> vector) {
        return engine.hessianVector(GradientRequest.plain(0, examples(batches)), vector);
    }

    @Override
    public UnitActivity activity(int examples) {
        return engine.unitActivity(examples);
    }

    @Override
    public List<float[]> outputs(int from, int count) {
        if (trainCount <= 0) {
            throw new EngineException("the criterion needs training examples, but the training split is empty");
        }
        int start = (int) ((long) from % trainCount);
        return engine.unitOutputs(start, Math.min(count, trainCount - start));
    }

    @Override
    public List<float[]> outputs(int from, int count, List<float[]> masks) {
        dev.prune.engine.Snapshot before = engine.snapshot();
        try {
            engine.applyMasks(masks);
            return outputs(from, count);
        } finally {
            engine.restore(before);
        }
    }

    @Override
    public List<float[]> normScales() {
        return engine.normScales();
    }

    @Override
    public List<float[]> importance() {
        return engine.importance();
    }

    @Override
    public List<float[]> previous() {
        if (previous == null) {
            throw new EngineException("the criterion compares the weights before and after the last training, "
                    + "but nothing has trained yet");
        }
        return previous;
    }
}

package dev.prune.pruning;

import dev.prune.engine.UnitActivity;
import java.util.List;

/** A probe that answers with arrays given by the test, the way a hand calculation would. */
final class FixedProbe implements Probe {
    List<float[]> gradient;
    List<List<float[]>> batches;
    List<float[]> hessianGradient;
    UnitActivity activity;
    List<float[]> previous;
    List<float[]> normScales;
    List<float[]> importance;
    /** H v for the vector asked, as the test's known Hessian gives it. */
    java.util.function.UnaryOperator<List<float[]>> hessian;

    @Override
    public List<float[]> hessianVector(int n, List<float[]> vector) {
        return hessian.apply(vector);
    }

    List<float[]> outputs;
    /** The blocks of examples asked for, as "from+count". */
    final java.util.List<String> outputCalls = new java.util.ArrayList<>();

    /** What the network with other masks outputs; the plain outputs when null. */
    List<float[]> maskedOutputs;

    @Override
    public List<float[]> outputs(int from, int count, List<float[]> masks) {
        outputCalls.add(from + "+" + count + " masked");
        return maskedOutputs != null ? maskedOutputs : outputs;
    }

    @Override
    public List<float[]> outputs(int from, int count) {
        outputCalls.add(from + "+" + count);
        return outputs;
    }

    @Override
    public List<float[]> importance() {
        return importance;
    }

    @Override
    public List<float[]> gradient(int n, double temperature) {
        return gradient;
    }

    @Override
    public List<List<float[]>> batchGradients(int n) {
        return batches;
    }

    @Override
    public List<float[]> hessianGradient(int n, double temperature) {
        return hessianGradient;
    }

    @Override
    public UnitActivity activity(int examples) {
        return activity;
    }

    @Override
    public List<float[]> previous() {
        return previous;
    }

    @Override
    public List<float[]> normScales() {
        return normScales;
    }
}

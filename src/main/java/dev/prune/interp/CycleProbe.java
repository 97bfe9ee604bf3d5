package dev.prune.interp;

import dev.prune.engine.EvalResult;
import dev.prune.engine.Split;
import dev.prune.pruning.Cost;
import dev.prune.pruning.Density;
import java.util.function.DoubleSupplier;

/**
 * A cycle's metrics after its pruning and before its fine-tuning, for {@code finetune when}. Each
 * is measured when the condition first reads it and kept: the rule's decision is part of the time
 * it saves, so a rule on {@code drop} costs one evaluation on the test split, not also a pass over
 * the validation split and the dead neuron rate's pass over the training data.
 */
final class CycleProbe implements RunMetrics {
    private final RunState state;
    private final int cycle;
    private final DoubleSupplier deadRate;
    private final DoubleSupplier learningDistance;
    private EvalResult test;
    private EvalResult validation;
    private Double dnr;
    private Double distance;

    CycleProbe(RunState state, int cycle, DoubleSupplier deadRate, DoubleSupplier learningDistance) {
        this.state = state;
        this.cycle = cycle;
        this.deadRate = deadRate;
        this.learningDistance = learningDistance;
    }

    @Override
    public int cycle() {
        return cycle;
    }

    @Override
    public double sparsity() {
        return Density.sparsity(state.masks);
    }

    @Override
    public double accuracy() {
        return test().accuracy();
    }

    @Override
    public double loss() {
        return test().loss();
    }

    @Override
    public double valAccuracy() {
        if (validation == null) {
            validation = state.engine.evaluate(Split.VALIDATION);
        }
        return validation.accuracy();
    }

    @Override
    public double compression() {
        return Cost.compression(state.masks);
    }

    @Override
    public double speedup() {
        return Cost.speedup(state.network, state.masks);
    }

    @Override
    public double dnr() {
        if (dnr == null) {
            dnr = deadRate.getAsDouble();
        }
        return dnr;
    }

    @Override
    public double distance() {
        if (distance == null) {
            distance = learningDistance.getAsDouble();
        }
        return distance;
    }

    private EvalResult test() {
        if (test == null) {
            test = state.engine.evaluate(Split.TEST);
        }
        return test;
    }
}

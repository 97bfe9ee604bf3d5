package dev.prune.dl4j;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A learning-rate schedule whose value the engine sets before every iteration. The core owns
 * the schedule (warm-up, cyclic, rewinding...); DL4J only has to read one number. Setting a field
 * is free, whereas {@code ComputationGraph.setLearningRate} rebuilds updater state views and
 * costs 0.5-9 ms per call.
 *
 * <p>{@link #clone()} returns the same instance on purpose: DL4J clones the updater configuration
 * once per layer, and every layer must see the value the engine sets. The class is public with a
 * Jackson constructor so that a saved network can be loaded back; a loaded network keeps the last
 * rate that was set.
 */
public final class DrivenSchedule implements ISchedule {
    private static final long serialVersionUID = 1L;

    private double value;

    public DrivenSchedule(@JsonProperty("value") double value) {
        this.value = value;
    }

    public void set(double lr) {
        value = lr;
    }

    public double getValue() {
        return value;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return value;
    }

    @Override
    public ISchedule clone() {
        return this;
    }

    @Override
    public String toString() {
        return "DrivenSchedule(" + value + ")";
    }
}

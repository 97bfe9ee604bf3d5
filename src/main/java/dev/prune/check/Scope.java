package dev.prune.check;

import dev.prune.builtins.Value;
import java.util.Map;

/**
 * What names mean where an expression is evaluated: constants (let, param, sweep variables) and,
 * in conditions, metrics. {@code metrics} null means check time: metrics are known to exist but
 * have no value yet.
 */
public record Scope(Map<String, Value> constants, Metrics allowed, MetricValues metrics) {

    /** Which metrics an expression may name. */
    public enum Metrics { NONE, RUN, LAYER }

    /** Metric values at run time. */
    @FunctionalInterface
    public interface MetricValues {
        double value(String metric);
    }

    public static Scope constants(Map<String, Value> constants) {
        return new Scope(constants, Metrics.NONE, null);
    }

    public Scope withMetrics(Metrics which, MetricValues values) {
        return new Scope(constants, which, values);
    }
}

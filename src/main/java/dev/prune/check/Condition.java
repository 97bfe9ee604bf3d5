package dev.prune.check;

import dev.prune.ast.Expr;
import dev.prune.builtins.Value;
import java.util.Map;

/**
 * A checked condition that depends on metrics, kept with the constants in force where it was
 * written so the interpreter can decide it later, when the metrics have values.
 */
public record Condition(Expr expr, Map<String, Value> constants, String text) {

    public Scope scope(Scope.Metrics which, Scope.MetricValues values) {
        return Scope.constants(constants).withMetrics(which, values);
    }
}

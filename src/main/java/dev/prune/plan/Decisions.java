package dev.prune.plan;

import dev.prune.ast.Expr;
import dev.prune.builtins.Kind;
import dev.prune.builtins.Registry;
import dev.prune.check.Condition;
import dev.prune.check.Evaluator;
import dev.prune.check.Scope;
import dev.prune.source.Diagnostics;
import java.util.Map;
import java.util.Set;

/**
 * Run-level conditions ({@code run until}, {@code finetune when}) as far as a plan can decide them:
 * those on sparsity, cycles and epochs are decided as the run will; those on any other metric
 * (accuracy, drop, ...) need training and are left open.
 */
final class Decisions {
    private static final Set<String> PLANNED = Set.of("sparsity", "cycle", "epoch");

    private final Registry registry;

    Decisions(Registry registry) {
        this.registry = registry;
    }

    boolean known(Condition c) {
        return known(c.expr(), c);
    }

    private boolean known(Expr e, Condition c) {
        if (e instanceof Expr.Name n) {
            boolean metric = !c.constants().containsKey(n.name())
                    && registry.find(n.name()).map(b -> b.kind() == Kind.METRIC).orElse(false);
            return !metric || PLANNED.contains(n.name());
        } else if (e instanceof Expr.Unary u) {
            return known(u.operand(), c);
        } else if (e instanceof Expr.Binary b) {
            return known(b.left(), c) && known(b.right(), c);
        } else if (e instanceof Expr.ListLit l) {
            return l.items().stream().allMatch(i -> known(i, c));
        } else if (e instanceof Expr.Call call) {
            return call.args().stream().allMatch(a -> known(a.value(), c));
        }
        return true;
    }

    /** The condition as of the planned state; only for conditions that are {@link #known}. */
    boolean holds(Condition c, Planner.State s) {
        Map<String, Double> values = Map.of("sparsity", s.masks.sparsity(), "cycle", (double) s.cycles,
                "epoch", s.epochs);
        Scope scope = c.scope(Scope.Metrics.RUN, name -> values.getOrDefault(name, Double.NaN));
        Boolean result = new Evaluator(registry, new Diagnostics()).condition(c.expr(), scope);
        return Boolean.TRUE.equals(result);
    }
}

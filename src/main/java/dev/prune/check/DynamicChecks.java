package dev.prune.check;

import dev.prune.ast.Expr;
import dev.prune.ast.Unit;
import dev.prune.builtins.Format;
import dev.prune.builtins.Value;
import dev.prune.pruning.Dynamic;
import dev.prune.pruning.GrowAndPrune;
import dev.prune.pruning.SupTickets;
import dev.prune.source.Diagnostics;
import dev.prune.source.Span;
import java.util.Set;

/**
 * What a dynamic sparse training method's arguments must fit: the layers it prunes (GaP's
 * partition count) and the stretch of its clock (Sup-tickets' cycles end at 'until' and must
 * start after 'from'). The argument's own position is reported where it is written.
 */
final class DynamicChecks {
    private final Checker checker;
    private final Diagnostics diagnostics;

    DynamicChecks(Checker checker, Diagnostics diagnostics) {
        this.checker = checker;
        this.diagnostics = diagnostics;
    }

    /** False after reporting. */
    boolean check(Value.Ref ref, Expr written, Set<Integer> layers, GradualSpec timing) {
        Dynamic dynamic;
        try {
            dynamic = checker.registry().create(ref, Dynamic.class);
        } catch (IllegalArgumentException bad) {
            diagnostics.error(written.span(), bad.getMessage());
            return false;
        }
        if (dynamic instanceof GrowAndPrune gap && gap.groups() > layers.size()) {
            diagnostics.error(at(written, "groups"), "gap splits the layers it prunes into " + gap.groups()
                    + " groups, but it prunes " + layers.size() + " layer" + (layers.size() == 1 ? "" : "s")
                    + " (" + names(layers) + "): take groups=" + layers.size() + " or fewer");
            return false;
        }
        if (dynamic instanceof SupTickets sup && timing != null) {
            Value.Num cycle = new Value.Num(sup.cycle(), sup.epochs() ? Unit.EPOCHS : Unit.ITERATIONS);
            double length = checker.iterations(cycle);
            double from = checker.iterations(timing.from());
            double until = checker.iterations(timing.until());
            if (!Double.isNaN(length) && !Double.isNaN(from) && !Double.isNaN(until)
                    && sup.cycles() * length > until - from) {
                diagnostics.error(at(written, "cycles"), "sup_tickets' " + sup.cycles() + " cycles of "
                        + cycle.show() + " end at 'until " + timing.until().show() + "' and would start "
                        + Format.number(sup.cycles() * length - (until - from)) + " iterations before 'from "
                        + timing.from().show() + "': take fewer or shorter cycles, or a later 'until'");
                return false;
            }
        }
        return true;
    }

    /** Where the named argument is written, else the whole call. */
    private static Span at(Expr written, String name) {
        if (written instanceof Expr.Call call) {
            for (Expr.Arg a : call.args()) {
                if (name.equals(a.name())) {
                    return a.span();
                }
            }
        }
        return written.span();
    }

    private String names(Set<Integer> layers) {
        StringBuilder out = new StringBuilder();
        for (int l : layers) {
            out.append(out.length() == 0 ? "" : ", ").append(checker.state.network.layers().get(l).name());
        }
        return out.toString();
    }
}

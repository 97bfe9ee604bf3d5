package dev.prune.check;

import dev.prune.ast.Unit;
import dev.prune.builtins.Builtin;
import dev.prune.builtins.Param;
import dev.prune.builtins.Registry;
import dev.prune.builtins.ScheduleBuiltins;
import dev.prune.builtins.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schedule references as the checker and the runners need them: {@code lr 0.1} is shorthand for
 * {@code lr constant(value=0.1)}, and the S-shaped schedules ({@code s_cyc}, {@code silo}) take the
 * pruning rate they follow from the prune policy unless they are given one.
 */
public final class Schedules {
    private Schedules() {}

    static Value.Ref constant(Registry registry, double value) {
        Builtin<?> constant = registry.find("constant").orElseThrow();
        Map<String, Value> args = new LinkedHashMap<>();
        for (Param p : constant.params()) {
            args.put(p.name(), p.fallback());
        }
        args.put("value", Value.Num.of(value));
        return new Value.Ref("constant", args, true);
    }

    /** The S-shaped schedules in {@code lr}, itself or as an argument (warmup(schedule=s_cyc(...))). */
    static List<Value.Ref> sShaped(Value.Ref lr) {
        List<Value.Ref> out = new ArrayList<>();
        collect(lr, out);
        return out;
    }

    private static void collect(Value v, List<Value.Ref> out) {
        if (v instanceof Value.Ref r) {
            if (ScheduleBuiltins.S_SHAPED.contains(r.name())) {
                out.add(r);
            }
            r.args().values().forEach(a -> collect(a, out));
        }
    }

    /**
     * {@code lr} with the policy's rate given to every S-shaped schedule in it that has none
     * (the checker has made sure that the policy has one when cycles retrain with such a schedule).
     */
    public static Value.Ref following(Value.Ref lr, PruneSpec policy) {
        double rate = policy == null ? Double.NaN : policy.cycleRate();
        if (lr == null || Double.isNaN(rate)) {
            return lr;
        }
        return (Value.Ref) fill(lr, rate);
    }

    private static Value fill(Value v, double rate) {
        if (!(v instanceof Value.Ref r) || r.args().isEmpty()) {
            return v;
        }
        Map<String, Value> args = new LinkedHashMap<>();
        r.args().forEach((name, arg) -> args.put(name, fill(arg, rate)));
        if (ScheduleBuiltins.S_SHAPED.contains(r.name()) && !args.containsKey(ScheduleBuiltins.S_RATE)) {
            args.put(ScheduleBuiltins.S_RATE, new Value.Num(100 * rate, Unit.PERCENT));
        }
        return new Value.Ref(r.name(), args, r.called());
    }
}

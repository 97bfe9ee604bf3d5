package dev.prune.check;

import dev.prune.builtins.Builtin;
import dev.prune.builtins.Param;
import dev.prune.builtins.Registry;
import dev.prune.builtins.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code lr 0.1} is shorthand for {@code lr constant(value=0.1)}. */
final class Schedules {
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
}

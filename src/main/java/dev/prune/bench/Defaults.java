package dev.prune.bench;

import dev.prune.builtins.Args;
import dev.prune.builtins.Builtin;
import dev.prune.builtins.Param;
import dev.prune.builtins.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/** A builtin's arguments as the checker fills them in when a recipe gives none. */
final class Defaults {
    private Defaults() {
    }

    /** @throws IllegalArgumentException naming the first parameter without a default */
    static Args of(Builtin<?> b) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (Param p : b.params()) {
            if (p.omittable()) {
                continue;
            }
            if (p.fallback() == null) {
                throw new IllegalArgumentException("'" + p.name() + "' has no default");
            }
            values.put(p.name(), p.fallback());
        }
        return new Args(b.name(), values);
    }
}

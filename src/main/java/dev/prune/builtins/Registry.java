package dev.prune.builtins;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every builtin by name. Names are unique across kinds so that a name alone says what it is. */
public final class Registry {
    private static Registry standard;

    private final Map<String, Builtin<?>> byName = new LinkedHashMap<>();

    /** The builtins the language ships with, made once. */
    public static synchronized Registry standard() {
        if (standard == null) {
            Registry r = new Registry();
            ModelBuiltins.register(r);
            DataBuiltins.register(r);
            OptimizerBuiltins.register(r);
            CriterionBuiltins.register(r);
            ScheduleBuiltins.register(r);
            MetricBuiltins.register(r);
            ProcedureBuiltins.register(r);
            AmountBuiltins.register(r);
            PenaltyBuiltins.register(r);
            standard = r;
        }
        return standard;
    }

    public void add(Builtin<?> builtin) {
        if (byName.putIfAbsent(builtin.name(), builtin) != null) {
            throw new IllegalStateException("builtin " + builtin.name() + " is declared twice");
        }
    }

    public Optional<Builtin<?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<Builtin<?>> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    public List<Builtin<?>> ofKind(Kind kind) {
        return byName.values().stream().filter(b -> b.kind() == kind).toList();
    }

    /** Builds the implementation of a checked reference, typed by what the caller expects. */
    public <T> T create(Value.Ref ref, Class<T> type) {
        Builtin<?> builtin = find(ref.name()).orElseThrow(() ->
                new IllegalArgumentException("unknown builtin " + ref.name()));
        return type.cast(builtin.create(new Args(ref.name(), ref.args())));
    }

    /** Up to three names of the kind closest to a misspelled one, closest first. */
    public List<String> closest(String name, Kind kind) {
        List<String> names = new ArrayList<>();
        for (Builtin<?> b : byName.values()) {
            if (kind == null || b.kind() == kind) {
                names.add(b.name());
            }
        }
        return Spelling.closest(name, names);
    }
}

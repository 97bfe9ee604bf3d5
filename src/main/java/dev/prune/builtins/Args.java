package dev.prune.builtins;

import dev.prune.ast.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The checked arguments of one builtin call, defaults filled in. */
public record Args(String builtin, Map<String, Value> values) {

    public Value value(String name) {
        Value v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(builtin + " has no argument " + name);
        }
        return v;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The plain number: percentages as fractions. */
    public double number(String name) {
        return ((Value.Num) value(name)).plain();
    }

    public int integer(String name) {
        return (int) Math.round(number(name));
    }

    public String string(String name) {
        return ((Value.Str) value(name)).value();
    }

    public boolean bool(String name) {
        return ((Value.Bool) value(name)).value();
    }

    public Value.Num quantity(String name) {
        return (Value.Num) value(name);
    }

    /** A duration as iterations, given how many iterations make an epoch. */
    public int iterations(String name, int iterationsPerEpoch) {
        Value.Num n = quantity(name);
        return n.unit() == Unit.EPOCHS ? (int) Math.round(n.value() * iterationsPerEpoch) : (int) Math.round(n.value());
    }

    public List<Double> numbers(String name) {
        List<Double> out = new ArrayList<>();
        for (Value item : ((Value.ListV) value(name)).items()) {
            out.add(((Value.Num) item).plain());
        }
        return out;
    }

    public Value.Ref ref(String name) {
        return (Value.Ref) value(name);
    }
}

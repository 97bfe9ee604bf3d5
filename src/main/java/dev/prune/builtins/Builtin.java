package dev.prune.builtins;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A builtin's declaration and the factory that makes its implementation from checked arguments.
 * {@code variadic} names the parameter that collects positional arguments as a list (as in
 * {@code mlp(784, 300, 100, 10)}); null when positional arguments bind in declaration order.
 *
 * @param paper the source it implements, "" for plain utilities; "[reconstructed]" marks our own
 *              reading of a formula the paper leaves open
 */
public record Builtin<T>(String name, Kind kind, List<Param> params, String variadic, String doc,
                         String paper, Function<Args, T> factory) {

    public Optional<Param> param(String paramName) {
        return params.stream().filter(p -> p.name().equals(paramName)).findFirst();
    }

    public T create(Args args) {
        return factory.apply(args);
    }

    public String signature() {
        StringBuilder out = new StringBuilder(name).append('(');
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            Param p = params.get(i);
            out.append(p.name().equals(variadic) ? p.name() + "..." : p.signature());
        }
        return out.append(')').toString();
    }
}

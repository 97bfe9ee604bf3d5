package dev.prune.builtins;

import dev.prune.engine.OptimizerSpec;
import java.util.List;

/** SGD (optionally with Nesterov momentum, the momentum DL4J has) and Adam. */
final class OptimizerBuiltins {
    private OptimizerBuiltins() {}

    static void register(Registry r) {
        Param decay = Param.of("weight_decay", Type.NUMBER, Value.Num.of(0), "L2 penalty on weights").range(0, 1);
        r.add(new Builtin<OptimizerSpec>("sgd", Kind.OPTIMIZER, List.of(
                Param.of("momentum", Type.NUMBER, Value.Num.of(0), "Nesterov momentum; 0 for plain SGD").range(0, 0.999),
                decay), null, "stochastic gradient descent; the learning rate comes from the lr policy", "",
                a -> OptimizerSpec.sgd(a.number("momentum"), a.number("weight_decay"))));
        r.add(new Builtin<OptimizerSpec>("adam", Kind.OPTIMIZER, List.of(
                Param.of("beta1", Type.NUMBER, Value.Num.of(0.9), "first-moment decay").range(0, 0.9999),
                Param.of("beta2", Type.NUMBER, Value.Num.of(0.999), "second-moment decay").range(0, 0.99999),
                Param.of("eps", Type.NUMBER, Value.Num.of(1e-8), "denominator guard").range(0, 1),
                decay), null, "Adam; the learning rate comes from the lr policy", "Kingma & Ba 2015",
                a -> OptimizerSpec.adam(a.number("beta1"), a.number("beta2"), a.number("eps"), a.number("weight_decay"))));
    }
}

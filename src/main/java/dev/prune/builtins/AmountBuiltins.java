package dev.prune.builtins;

import java.util.List;

/**
 * Pruning amounts decided from the weights, in the place of a percentage after {@code by}. A
 * factory that rejects its arguments throws IllegalArgumentException with a message the checker
 * shows at the amount.
 */
final class AmountBuiltins {
    private AmountBuiltins() {}

    static void register(Registry r) {
        r.add(new Builtin<>("sap", Kind.AMOUNT, List.of(
                Param.of("p", Type.NUMBER, Value.Num.of(0.5), "the smaller norm of the PQ index").range(1e-6, 1e6),
                Param.of("q", Type.NUMBER, Value.Num.of(1.0), "the larger norm of the PQ index; above p").range(1e-6, 1e6),
                Param.of("gamma", Type.NUMBER, Value.Num.of(1.0), "scales each step; 1 takes the bound as it is")
                        .range(0, 1e6),
                Param.of("eta", Type.NUMBER, Value.Num.of(0), "eta_r, the bound's tolerance: larger keeps fewer weights")
                        .range(0, 1e6),
                Param.of("beta", Type.FRACTION, new Value.Num(90, dev.prune.ast.Unit.PERCENT), "the largest share of the kept weights one step "
                        + "removes").range(0, 1)),
                null, "sparsity-informed adaptive pruning: each step removes floor(d min(gamma (1 - m/d), beta)) of "
                        + "the d kept weights, m = ceil(d (1+eta)^(-q/(q-p)) (1-I)^(qp/(q-p))) with I their PQ index "
                        + "I = 1 - d^(1/q-1/p) |w|_p / |w|_q; per layer, or over all selected layers with 'global' "
                        + "[reconstructed: the rounding of m and of the count; the authors' code was not read]",
                "Diao et al., ICLR 2023, Pruning Deep Neural Networks from a Sparsity Perspective (PQ index, SAP)",
                a -> new dev.prune.pruning.Sap(a.number("p"), a.number("q"), a.number("gamma"), a.number("eta"),
                        a.number("beta"))));
    }
}

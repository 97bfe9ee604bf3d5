package dev.prune.builtins;

import dev.prune.engine.Penalty;
import java.util.List;

/** Terms added to the training loss while the {@code penalty} policy is in force. */
final class PenaltyBuiltins {
    private PenaltyBuiltins() {}

    static void register(Registry r) {
        r.add(new Builtin<Penalty>("bn_l1", Kind.PENALTY, List.of(
                Param.of("lambda", Type.NUMBER, Value.Num.of(1e-4),
                        "lambda of lambda * sum |gamma|: each step adds lambda * sign(gamma) to gamma's gradient "
                                + "(1e-4 for VGG, 1e-5 for ResNet and DenseNet in the paper)").range(0, 1)),
                null, "network slimming's sparsity penalty: L1 on the gamma of every batch norm right after a conv "
                        + "or dense layer, added to the gradient before the optimizer, so it works with every optimizer",
                "Liu et al., ICCV 2017 (Network Slimming); code: Eric-mingjie/network-slimming (updateBN)",
                a -> new Penalty(a.number("lambda"))));
        r.add(new Builtin<Penalty>("lrpet", Kind.PENALTY, List.of(
                Param.of("rank", Type.INT, Value.Num.of(20),
                        "rank r every dense hidden layer's weight matrix is projected to; at most min(m, n) of each")
                        .range(1, 1e6),
                Param.of("every", Type.INT, Value.Num.of(50),
                        "training iterations between projections [reconstructed default: about an epoch of "
                                + "the examples here]").range(1, 1e9),
                Param.of("transfer", Type.BOOL, new Value.Bool(true),
                        "energy transfer: scale the kept singular values so that ||W||_F is unchanged; false for "
                                + "plain truncated SVD")),
                null, "LRPET: training alternates SGD with the projection of each dense hidden layer's weight matrix "
                        + "to rank r by truncated SVD, every 'every' iterations and after the last, the discarded "
                        + "energy transferred to the kept singular values: sigma'_i = sigma_i sqrt(sum sigma^2 / "
                        + "sum_{i<=r} sigma^2); factored, a layer holds r (m + n) weights [reconstructed: the "
                        + "Frobenius-norm-preserving transfer rule and the interval; conv layers and batch norm "
                        + "folding are not done]",
                "Guo et al., IEEE TNNLS 2024 (Low-Rank Projection with Energy Transfer)",
                a -> new Penalty(0, new Penalty.Projection(a.integer("rank"), a.integer("every"), a.bool("transfer")))));
    }
}

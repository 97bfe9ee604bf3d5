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
    }
}

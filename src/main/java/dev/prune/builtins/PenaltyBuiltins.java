package dev.prune.builtins;

import dev.prune.engine.Penalty;
import java.util.List;

/**
 * What the {@code penalty} policy adds to every training while in force: a term of the loss
 * (network slimming's L1 on batch norm scales) or ToST's aids to training a sparse network.
 */
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
        r.add(new Builtin<Penalty>("tost", Kind.PENALTY, List.of(
                Param.of("ghost", Type.FRACTION, new Value.Num(10, dev.prune.ast.Unit.PERCENT),
                        "share of each training's first iterations in which the pruned weights train as ghost "
                                + "connections, what they learn fading linearly to zero by its end; 0 for none")
                        .range(0, 1),
                Param.of("rescale", Type.BOOL, new Value.Bool(true),
                        "multiply each layer's kept weights by 1/sqrt(density) when a training starts from an "
                                + "initialisation (after a build, 'rewind to' or 'prune ... at init')"),
                Param.of("label_smoothing", Type.FRACTION, new Value.Num(10, dev.prune.ast.Unit.PERCENT),
                        "label smoothing of the training targets while in force: 1 - a for the true class, "
                                + "a / (classes - 1) for each other (the authors' alpha = 0.1); 0 keeps the data's")
                        .range(0, 0.5)),
                null, "ToST: train a sparse network better whatever its mask (SNIP, random, lottery ticket): ghost "
                        + "connections early in each training, a sparsity-aware re-scaled initialisation and label "
                        + "smoothing; tost(ghost=0%, rescale=false, label_smoothing=0%) is plain training",
                "Jaiswal, Ma, Chen, Ding & Wang, ICML 2022 (Training Your Sparse Neural Network Better with Any "
                        + "Mask), code VITA-Group/ToST [reconstructed: ghost connections are the pruned weights, "
                        + "fading linearly (the paper's ghost neurons and skip connections are extra units and "
                        + "ResNet shortcuts); rescaling is the closed form 1/sqrt(density) where the authors learn "
                        + "layer scales with GradInit; the ghost share is ours]",
                a -> new Penalty(0, a.number("ghost"), a.bool("rescale"), a.number("label_smoothing"))));
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

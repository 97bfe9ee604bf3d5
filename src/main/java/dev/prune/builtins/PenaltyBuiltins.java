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
        r.add(new Builtin<Penalty>("scl", Kind.PENALTY, List.of(
                Param.of("lambda", Type.NUMBER, Value.Num.of(0.1),
                        "price of one kept connection, lambda * (number of connections) in the loss; its gradient "
                                + "through the straight-through estimator is lambda on every mask variable, against "
                                + "mask gradients normalised to a mean magnitude of 1 per output feature")
                        .range(Double.MIN_VALUE, Double.POSITIVE_INFINITY),
                Param.of("lr", Type.NUMBER, Value.Num.of(0.01),
                        "learning rate of the mask variables' own SGD step").range(Double.MIN_VALUE, Double.POSITIVE_INFINITY),
                Param.of("init", Type.NUMBER, Value.Num.of(0.1),
                        "value the mask variable of every kept connection starts at (a pruned one starts at -init)")
                        .range(Double.MIN_VALUE, Double.POSITIVE_INFINITY)),
                null, "sparse connectivity learning: every weight w gets a mask variable v, the layer computes with "
                        + "w*m, m = step(v) = [v > 0]; the identity straight-through estimator gives dL/dv = "
                        + "dL/d(w*m) * w, normalised per output feature [reconstructed: divided by the feature's mean "
                        + "|dL/dv|], and each iteration v -= lr * (normalised gradient + lambda), a plain SGD step of "
                        + "its own [reconstructed]; w trains with the optimizer on kept connections and is kept, not "
                        + "zeroed, where m = 0, so a connection can come back. The sparsity is learned, not set: the "
                        + "masks at the end of each training are the run's masks (per layer in cycles.csv), and "
                        + "pruning or 'penalty none' afterwards trains with them fixed [reconstructed: mask variables "
                        + "start at +-init at each training, from the masks in force]",
                "Tang et al., 2022 (Automatic Sparse Connectivity Learning for Neural Networks, arXiv 2201.05020)",
                a -> Penalty.connections(new Penalty.Connections(a.number("lambda"), a.number("lr"),
                        a.number("init")))));
        r.add(new Builtin<Penalty>("spectral", Kind.PENALTY, List.of(
                Param.of("lambda", Type.NUMBER, Value.Num.of(1e-3),
                        "lambda of lambda * rho(H), rho the spectral radius of the loss Hessian over the weights")
                        .range(Double.MIN_VALUE, Double.POSITIVE_INFINITY),
                Param.of("every", Type.INT, Value.Num.of(20),
                        "iterations between two penalty steps [reconstructed: the penalty acts every few iterations, "
                                + "as one step of lr * every * lambda * grad rho]").range(1, 1e6),
                Param.of("iterations", Type.INT, Value.Num.of(3),
                        "rounds of power iteration per estimate, warm-started from the last eigenvector")
                        .range(1, 1000),
                Param.of("examples", Type.INT, Value.Num.of(128),
                        "training examples the Hessian is taken on, a window moving through the training split")
                        .range(1, 1e9)),
                null, "penalty on the Hessian's spectral radius, for Hessian-aware neuron pruning: rho and the top "
                        + "eigenvector u by power iteration on Hessian-vector products (central differences of the "
                        + "gradient on a double-precision copy, as for grasp); grad rho = d(u'Hu)/dtheta needs third "
                        + "derivatives, taken as the second central difference of the gradient along u, "
                        + "(g(theta+eps*u) + g(theta-eps*u) - 2g(theta)) / eps^2 with eps 1% of the weights' norm, the "
                        + "curvature along u smoothed over that distance, since ReLU kinks swamp it at smaller steps "
                        + "[reconstructed]; pruned weights stay "
                        + "out of u and the step. Prune with 'hessian' for the method of the survey",
                "founding survey of Prune, Hessian-aware pruning with a spectral-radius penalty [reconstructed: "
                        + "power iteration, finite-difference third derivative, step every k iterations]",
                a -> Penalty.spectral(new Penalty.Spectral(a.number("lambda"), a.integer("every"),
                        a.integer("iterations"), a.integer("examples")))));
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
                        "rank r every projected layer's weight matrix goes to; at most min(m, n) of each (a conv "
                                + "kernel [out, in, kh, kw] is the matrix out x in kh kw)")
                        .range(1, 1e6),
                Param.of("every", Type.INT, Value.Num.of(50),
                        "training iterations between projections [reconstructed default: about an epoch of "
                                + "the examples here; the authors project after every epoch]").range(1, 1e9),
                Param.of("transfer", Type.BOOL, new Value.Bool(true),
                        "energy transfer: scale the kept singular values so that ||W||_F is unchanged; false for "
                                + "plain truncated SVD"),
                Param.of("share", Type.FRACTION, new Value.Num(0, dev.prune.ast.Unit.PERCENT),
                        "when above 0, each layer's rank is this share of its own min(m, n), at least 1, instead "
                                + "of 'rank' (the authors' per-layer rank: 20% is their prun_goal 0.8)").range(0, 1)),
                null, "LRPET: training alternates SGD with the projection of the weight matrix of each dense hidden "
                        + "layer and conv (its kernel [out, in, kh, kw] as the matrix out x in kh kw) to rank r by "
                        + "truncated SVD, every 'every' iterations and after the last, the discarded energy "
                        + "transferred to the kept singular values: sigma'_i = sigma_i sqrt(sum sigma^2 / sum_{i<=r} "
                        + "sigma^2), the authors' code's rule; a batch norm right after the layer is folded in "
                        + "first (W_f = diag(gamma / sqrt(var + eps)) W is projected, then divided back row by row, "
                        + "so the network keeps its batch norm and computes what the folded projected layer would); "
                        + "factored, a layer holds r (m + n) weights [reconstructed: the interval in iterations, the "
                        + "exact inverse in the unfolding where the authors' code divides by s / (s^2 + 1e-5)]",
                "Guo et al., IEEE TNNLS 2024 (Low-Rank Projection with Energy Transfer), code canyyang/LRPET",
                a -> new Penalty(0, new Penalty.Projection(a.integer("rank"), a.integer("every"), a.bool("transfer"),
                        a.number("share")))));
    }
}

package dev.prune.builtins;

import dev.prune.ast.Unit;
import dev.prune.engine.LayerKind;
import dev.prune.pruning.ActivePruning;
import dev.prune.pruning.Apoz;
import dev.prune.pruning.BnScale;
import dev.prune.pruning.Criterion;
import dev.prune.pruning.Grasp;
import dev.prune.pruning.HessianUnits;
import dev.prune.pruning.ISpaSP;
import dev.prune.pruning.Magnitude;
import dev.prune.pruning.MeanActivation;
import dev.prune.pruning.Platon;
import dev.prune.pruning.Movement;
import dev.prune.pruning.RandomScores;
import dev.prune.pruning.Snip;
import dev.prune.pruning.SynFlow;
import dev.prune.pruning.Taylor;
import dev.prune.pruning.UnitNorm;
import dev.prune.pruning.WeightChange;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Pruning criteria: what decides which weights go. A factory that rejects its arguments throws
 * IllegalArgumentException with a message the checker shows at the criterion.
 */
final class CriterionBuiltins {
    private CriterionBuiltins() {}

    static void register(Registry r) {
        r.add(criterion("l1", List.of(), "magnitude |w|: prune the smallest weights",
                "Han et al. 2015; Frankle & Carbin 2019", a -> new Magnitude()));
        r.add(criterion("l2", List.of(), "magnitude w^2: the same ranking as l1 for single weights; "
                        + "for whole units write neurons(norm=l2) or filters(norm=l2)",
                "Han et al. 2015", a -> new Magnitude(true)));
        r.add(criterion("random", List.of(), "uniformly random among the remaining weights (baseline)",
                "Blalock et al. 2020 (ShrinkBench)", a -> new RandomScores()));
        registerGradient(r);
        registerHistory(r);
        registerStructured(r);
    }

    private static void registerGradient(Registry r) {
        r.add(criterion("snip", List.of(batches(1)),
                "connection sensitivity |g*w| / sum |g*w| on training mini-batches; meant for 'at init'",
                "Lee, Ajanthan & Torr, ICLR 2019 (SNIP)", a -> new Snip(a.integer("batches"))));
        r.add(criterion("grasp", List.of(batches(1),
                        Param.of("temperature", Type.NUMBER, Value.Num.of(200), "the logits are divided by this")
                                .range(1e-3, 1e6)),
                "gradient signal preservation: prune the lowest w*(Hg), H g by finite differences of the gradient; "
                        + "meant for 'at init'",
                "Wang, Zhang & Grosse, ICLR 2020 (GraSP), authors' code",
                a -> new Grasp(a.integer("batches"), a.number("temperature"))));
        r.add(criterion("synflow", List.of(
                        Param.of("rounds", Type.INT, Value.Num.of(100), "prune-and-rescore rounds").range(1, 10000)),
                "data-free iterative synaptic flow |w * dR/dw|, R the output sum of the |w| network on ones; "
                        + "meant for 'at init'",
                "Tanaka et al., NeurIPS 2020 (SynFlow), authors' code", a -> new SynFlow(a.integer("rounds"))));
        r.add(criterion("taylor", List.of(batches(10)),
                "first-order Taylor importance (g*w)^2, averaged over training mini-batches",
                "Molchanov et al., CVPR 2019", a -> new Taylor(a.integer("batches"))));
    }

    private static void registerHistory(Registry r) {
        r.add(criterion("change", List.of(
                        Param.of("magnitude", Type.BOOL, new Value.Bool(false), "multiply by |w| (the SILO VGG scripts)")),
                "weight change |w_T - w_{T-1}| over the last training: the least changed go",
                "SILO authors' code (Martin1937/SILO) [reconstructed: T-1 = start of the last training]",
                a -> new WeightChange(a.bool("magnitude"))));
        r.add(criterion("movement", List.of(),
                "movement: keep weights moving away from zero, score w_T^2 - w_start^2 over the last training",
                "Sanh, Wolf & Rush, NeurIPS 2020 [reconstructed: -sum g*w integrated over the training]",
                a -> new Movement()));
        r.add(criterion("platon", List.of(
                        Param.of("beta1", Type.NUMBER, Value.Num.of(0.85),
                                "smoothing of the importance |w*g| over the training iterations").range(0, 0.9999),
                        Param.of("beta2", Type.NUMBER, Value.Num.of(0.95),
                                "smoothing of its uncertainty |I - mean I|").range(0, 0.9999)),
                "PLATON: importance |w*g| of every training iteration, averaged, times its averaged uncertainty; "
                        + "inside training only ('prune platon to 90% every 100 iterations until 6 epochs')",
                "Zhang et al., ICML 2022 (PLATON), authors' code QingruZhang/PLATON [reconstructed: |w*g| with "
                        + "the weight before the step, where the code takes it after; masks never grow back]",
                a -> new Platon(a.number("beta1"), a.number("beta2"))));
        r.add(criterion("ap", List.of(
                        Param.of("base", Type.CRITERION, new Value.Ref("l1", Map.of(), false),
                                "the criterion that prunes the rest of each step"),
                        Param.of("rate", Type.FRACTION, new Value.Num(2, Unit.PERCENT),
                                "share of the remaining weights AP prunes among negative, least-changed weights")
                                .range(0, 1)),
                "activate while pruning: of each step, 'rate' goes to negative weights that changed least, "
                        + "the rest to the base criterion",
                "Liu et al. 2023 (AP), authors' code Martin1937/AP-Activate-While-Pruning-",
                a -> {
                    Criterion base = r.create(a.ref("base"), Criterion.class);
                    if (base.structured()) {
                        throw new IllegalArgumentException("ap wraps a criterion of single weights, but "
                                + a.ref("base").name() + " removes whole units");
                    }
                    if (base instanceof ActivePruning) {
                        throw new IllegalArgumentException("ap cannot wrap ap; give it the base criterion");
                    }
                    return new ActivePruning(base, a.number("rate"));
                }));
    }

    private static void registerStructured(Registry r) {
        r.add(criterion("neurons", List.of(norm()),
                "whole neurons of dense hidden layers by the norm of their incoming weights (rates count neurons)",
                "Li et al., ICLR 2017 (norm criterion; here over neurons)",
                a -> new UnitNorm(l2(a, "neurons"), Set.of(LayerKind.DENSE))));
        r.add(criterion("filters", List.of(norm()),
                "whole filters of conv layers by the norm of their weights (rates count filters)",
                "Li et al., ICLR 2017 (Pruning filters for efficient ConvNets)",
                a -> new UnitNorm(l2(a, "filters"), Set.of(LayerKind.CONV))));
        r.add(criterion("dropnet", List.of(
                        Param.of("variant", Type.STRING, new Value.Str("min"),
                                "\"min\" drops the lowest mean activation, \"max\" the highest, \"random\" at random"),
                        examples()),
                "DropNet: whole neurons and filters by mean |activation| on training data (rates count units)",
                "Tan and Motani, ICML 2020 (DropNet)",
                a -> new MeanActivation(variant(a.string("variant")), a.integer("examples"))));
        r.add(criterion("bn_scale", List.of(),
                "network slimming: whole channels by |gamma| of the batch norm right after their layer, lowest "
                        + "first; write 'global' for the paper's one threshold over all layers (rates count channels; "
                        + "on a residual net a coupled channel scores the sum of its writers' |gamma|)",
                "Liu et al., ICCV 2017 (Learning Efficient Convolutional Networks through Network Slimming); "
                        + "code: Eric-mingjie/network-slimming", a -> new BnScale()));
        r.add(criterion("hessian", List.of(batches(10)),
                "Hessian-aware: whole neurons and filters by the second-order change of the loss when the unit's "
                        + "incoming weights theta_u are removed, 1/2 theta_u.(H theta)_u + |theta_u.g_u|, lowest first "
                        + "[reconstructed: one product H theta for all units, so cross terms to other units count]; "
                        + "train under 'penalty spectral(...)' for the survey's method (rates count units)",
                "founding survey of Prune, Hessian-aware neuron pruning [reconstructed: the saliency]; second-order "
                        + "saliency after LeCun et al., NIPS 1989 (Optimal Brain Damage)",
                a -> new HessianUnits(a.integer("batches"))));
        r.add(criterion("apoz", List.of(examples()),
                "whole neurons and filters by the average percentage of zero outputs, highest first (rates count units)",
                "Hu et al., 2016 (Network trimming)", a -> new Apoz(a.integer("examples"))));
        r.add(criterion("ispasp", List.of(
                        Param.of("rounds", Type.INT, Value.Num.of(10),
                                "CoSaMP rounds, each on a batch of its own [reconstructed default]").range(1, 1000),
                        Param.of("examples", Type.INT, Value.Num.of(500),
                                "training examples per round, round t taking the t-th block of them "
                                        + "[reconstructed default]").range(1, 1e6)),
                "i-SpaSP: whole neurons of dense hidden layers, and whole filters of convs, chosen as CoSaMP "
                        + "recovers a sparse signal (a filter's contribution is the reader's kernel slice applied to "
                        + "its map): each "
                        + "round scores units by the correlation <V, a_i h_i> of their contribution to the next "
                        + "layer's output with the residual V between the layer's output and the pruned layer's, "
                        + "merges the top 2s with the kept set, fits the output on them by least squares and keeps "
                        + "the s with the largest |b_i| ||a_i h_i||; layers greedily from the first, a later one on "
                        + "the outputs of the network with those before it pruned, against the dense output (rates "
                        + "count neurons and filters; layer by layer only) [reconstructed: the signed score, the least-squares "
                        + "step, the ridge 1e-9 of the mean diagonal, the defaults]",
                "Wolfe, Tan and Kyrillidis, L4DC 2022 (i-SpaSP: Structured Neural Pruning via Sparse Signal "
                        + "Recovery); code: wolfecameron/i-SpaSP",
                a -> new ISpaSP(a.integer("rounds"), a.integer("examples"))));
    }

    private static Builtin<Criterion> criterion(String name, List<Param> params, String doc, String paper,
                                                java.util.function.Function<Args, Criterion> factory) {
        return new Builtin<>(name, Kind.CRITERION, params, null, doc, paper, factory);
    }

    private static Param batches(int fallback) {
        return Param.of("batches", Type.INT, Value.Num.of(fallback),
                "training mini-batches (of the data's batch size) to compute gradients on").range(1, 100000);
    }

    private static Param examples() {
        return Param.of("examples", Type.INT, Value.Num.of(0), "training examples to measure on; 0 for all")
                .range(0, 1e9);
    }

    private static Param norm() {
        return Param.of("norm", Type.CRITERION, new Value.Ref("l1", Map.of(), false), "l1 or l2");
    }

    private static boolean l2(Args a, String who) {
        String norm = a.ref("norm").name();
        if (!norm.equals("l1") && !norm.equals("l2")) {
            throw new IllegalArgumentException(who + "' norm is l1 or l2, got " + norm);
        }
        return norm.equals("l2");
    }

    private static MeanActivation.Variant variant(String text) {
        try {
            return MeanActivation.Variant.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dropnet's variant is \"min\", \"max\" or \"random\", got \"" + text + "\"");
        }
    }
}

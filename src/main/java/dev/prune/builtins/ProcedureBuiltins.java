package dev.prune.builtins;

import dev.prune.ast.Unit;
import dev.prune.pruning.GrowAndPrune;
import dev.prune.pruning.RigL;
import dev.prune.pruning.SupTickets;
import dev.prune.schedules.Length;
import dev.prune.schedules.LrSchedule;
import dev.prune.schedules.Replay;
import dev.prune.stopping.EarlyBird;
import dev.prune.stopping.EarlyStop;
import java.util.List;

/**
 * The builtins of training procedures: dynamic sparse training, stopping rules (early stopping,
 * early-bird tickets), and the rate
 * schedule that weight rewinding retrains with.
 */
final class ProcedureBuiltins {
    private ProcedureBuiltins() {}

    static void register(Registry r) {
        r.add(new Builtin<RigL>("rigl", Kind.DYNAMIC, List.of(
                Param.of("alpha", Type.FRACTION, new Value.Num(30, Unit.PERCENT),
                        "share of a layer's active weights dropped and regrown at the first update; it "
                                + "decays along a cosine to 0 at 'until'").range(0, 1),
                Param.of("erk", Type.BOOL, new Value.Bool(true),
                        "layer sparsities by Erdos-Renyi-kernel (density proportional to sum(shape)/prod(shape)); "
                                + "false for the same sparsity in every layer")),
                null, "RigL: start from random masks at the target sparsity; every N iterations drop the "
                        + "smallest weights and grow those with the largest gradient [reconstructed: the growth "
                        + "gradient is taken on a training batch of its own, ties are broken by position]",
                "Evci et al. 2020, Rigging the Lottery: Making All Tickets Winners; code: google-research/rigl",
                a -> new RigL(a.number("alpha"), a.bool("erk"))));
        r.add(new Builtin<GrowAndPrune>("gap", Kind.DYNAMIC, List.of(
                Param.of("groups", Type.INT, Value.Num.of(4),
                        "the partition count kappa: the selected layers are split into this many runs of "
                                + "consecutive layers, one of which is dense at a time; at most the number of "
                                + "selected layers").range(1, 10000),
                Param.of("start", Type.STRING, new Value.Str("random"),
                        "the sparse network it starts from: \"random\" masks or the \"magnitude\" of the "
                                + "initial weights, each layer at the target"),
                Param.of("erk", Type.BOOL, new Value.Bool(false),
                        "layer sparsities by Erdos-Renyi-kernel; false (the paper's uniform) for the same "
                                + "sparsity in every layer")),
                null, "GaP, scheduled grow-and-prune (cyclic C-GaP): the network starts sparse at the target, "
                        + "with no dense pre-training; every N iterations the group grown at the last step is "
                        + "pruned back to the target by magnitude and the next group grows dense, in turn; at "
                        + "'until' the grown group is pruned and training goes on at the target (the final "
                        + "fine-tuning) [reconstructed: groups are runs of consecutive layers of near-equal "
                        + "count; grown weights start at zero with no optimizer state, as in the authors' code]",
                "Ma et al., ICLR 2022, Effective Model Sparsification by Scheduled Grow-and-Prune Methods",
                a -> new GrowAndPrune(a.integer("groups"), start(a.string("start")), a.bool("erk"))));
        r.add(new Builtin<SupTickets>("sup_tickets", Kind.DYNAMIC, List.of(
                Param.of("alpha", Type.FRACTION, new Value.Num(30, Unit.PERCENT),
                        "RigL's share of a layer's active weights dropped and regrown at the first update; it "
                                + "decays along a cosine to 0 at 'until'").range(0, 1),
                Param.of("erk", Type.BOOL, new Value.Bool(true),
                        "RigL's layer sparsities by Erdos-Renyi-kernel; false for the same sparsity in every layer"),
                Param.of("cycles", Type.INT, Value.Num.of(4),
                        "the cycles C of the last phase whose end networks are averaged").range(1, 10000),
                Param.of("cycle", Type.DURATION, new Value.Num(1, Unit.EPOCHS),
                        "the length of a cycle; the cycles end at 'until', so the last C * cycle of the "
                                + "clock are theirs").range(Double.MIN_VALUE, Double.POSITIVE_INFINITY)),
                null, "Sup-tickets: RigL whose last phase is C cycles, each restarting the learning rate "
                        + "(write the cosine per cycle: 'retrain 1 epoch lr cosine(...)', 'run 4 cycles'); the "
                        + "networks at the cycle ends are averaged at 'until' (every parameter), re-sparsified "
                        + "to each layer's RigL sparsity by magnitude, and batch norm statistics are recomputed "
                        + "on the training data [reconstructed: RigL's updates go on through the cycles]",
                "Yin et al., UAI 2022, Superposing Many Tickets into One: A Performance Booster for Sparse "
                        + "Neural Network Training",
                a -> {
                    Value.Num cycle = a.quantity("cycle");
                    return new SupTickets(new RigL(a.number("alpha"), a.bool("erk")), a.integer("cycles"),
                            cycle.value(), cycle.unit() == Unit.EPOCHS);
                }));
        r.add(new Builtin<EarlyStop>("early", Kind.STOPPING, List.of(
                Param.of("patience", Type.INT, Value.Num.of(5),
                        "epochs in a row without a lower validation loss before training stops").range(1, 10000),
                Param.of("min_delta", Type.NUMBER, Value.Num.of(0),
                        "how much lower the validation loss must be to count as lower").range(0, Double.POSITIVE_INFINITY),
                Param.of("restore", Type.BOOL, new Value.Bool(false),
                        "put back the weights of the epoch with the lowest validation loss when stopping")),
                null, "stop when the validation loss has not improved for 'patience' epochs (needs a validation "
                        + "split)", "Tan and Motani 2020, DropNet; code: tanchongmin/DropNet (Keras EarlyStopping "
                        + "on val_loss, patience 5)",
                a -> new EarlyStop(a.integer("patience"), a.number("min_delta"), a.bool("restore"))));
        r.add(new Builtin<EarlyBird>("early_bird", Kind.STOPPING, List.of(
                Param.of("ratio", Type.FRACTION, new Value.Num(50, Unit.PERCENT),
                        "share of the channels the ticket's mask prunes (by |gamma|, one threshold over all layers)")
                        .range(0.01, 0.99),
                Param.of("epsilon", Type.NUMBER, Value.Num.of(0.1),
                        "the ticket is drawn when no mask of the window is further than this from the newest")
                        .range(0, 1),
                Param.of("window", Type.INT, Value.Num.of(5),
                        "masks compared: the newest and the window - 1 before it, one per epoch").range(2, 1000)),
                null, "early-bird tickets: at the start of the training and after each epoch, the channel mask at "
                        + "'ratio' by |gamma| of the batch norms (network slimming's); stop once the normalised "
                        + "Hamming distances of the last 'window' masks to the newest are all at most 'epsilon' "
                        + "(metric mask_distance)",
                "You et al., ICLR 2020 (Drawing Early-Bird Tickets); code: GATECH-EIC/Early-Bird-Tickets (EarlyBird "
                        + "in main.py)",
                a -> new EarlyBird(a.number("ratio"), a.number("epsilon"), a.integer("window"))));
        r.add(new Builtin<LrSchedule>("lr_replay", Kind.SCHEDULE, List.of(
                Param.of("from", Type.DURATION, new Value.Num(0, Unit.ITERATIONS),
                        "point of the dense training to replay from").range(0, Double.POSITIVE_INFINITY)),
                null, "the dense training's schedule from a point on: lr(i) = dense(from + i); what "
                        + "'rewind to iteration K with lr' retrains with",
                "Frankle et al. 2020, Linear Mode Connectivity and the Lottery Ticket Hypothesis; "
                        + "Renda et al. 2020 (weight rewinding)",
                a -> {
                    Value.Num from = a.quantity("from");
                    return new Replay(from.unit() == Unit.EPOCHS ? Length.epochs(from.value())
                            : Length.iterations(from.value()));
                }));
    }

    private static boolean start(String text) {
        return switch (text) {
            case "random" -> false;
            case "magnitude" -> true;
            default -> throw new IllegalArgumentException("gap's start is \"random\" or \"magnitude\", got \""
                    + text + "\"");
        };
    }
}

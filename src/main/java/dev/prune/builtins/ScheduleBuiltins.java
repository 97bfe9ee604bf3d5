package dev.prune.builtins;

import dev.prune.ast.Unit;
import dev.prune.schedules.AdaptiveLinearRestart;
import dev.prune.schedules.Constant;
import dev.prune.schedules.Cosine;
import dev.prune.schedules.CosineRestart;
import dev.prune.schedules.Exponential;
import dev.prune.schedules.FineTune;
import dev.prune.schedules.IcePick;
import dev.prune.schedules.Length;
import dev.prune.schedules.Linear;
import dev.prune.schedules.LinearRestart;
import dev.prune.schedules.LrSchedule;
import dev.prune.schedules.MultiStep;
import dev.prune.schedules.OneCycle;
import dev.prune.schedules.Oracle;
import dev.prune.schedules.Rewind;
import dev.prune.schedules.SCyc;
import dev.prune.schedules.SShape;
import dev.prune.schedules.ScaledRestart;
import dev.prune.schedules.Silo;
import dev.prune.schedules.Step;
import dev.prune.schedules.Triangular;
import dev.prune.schedules.WarmUp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The learning-rate schedules of the {@code lr} statement. Each declaration here is what the
 * checker, the REPL and {@code prune doc} see; the formulas live in {@code dev.prune.schedules}.
 * Durations stay as written until a rate is asked for, since only the {@code LrContext} knows the
 * iterations per epoch.
 */
public final class ScheduleBuiltins {
    private ScheduleBuiltins() {}

    private static final String RETRAINING = "Renda et al. 2020, Comparing Rewinding and Fine-tuning in "
            + "Neural Network Pruning; code: ZIB-IOL/BIMP";
    private static final String LE_HUA = "Le and Hua 2021, Network Pruning That Matters: A Case Study on "
            + "Retraining Variants; as in ZIB-IOL/BIMP";
    private static final String BIMP = "Zimmer et al. 2023, How I Learned to Stop Worrying and Love Retraining; "
            + "code: ZIB-IOL/BIMP";
    private static final String SILO = "Optimizing Learning Rate Schedules for Iterative Pruning of Deep Neural "
            + "Networks (SILO); code: Martin1937/SILO";

    public static void register(Registry r) {
        add(r, "constant", "one learning rate throughout", "",
                a -> new Constant(a.number("value")),
                rate("value", 0.1, "the learning rate"));
        add(r, "step", "lr times gamma after every stretch of the phase", "",
                a -> new Step(a.number("lr"), a.number("gamma"), length(a, "every")),
                rate("lr", 0.1, "rate before the first step"),
                factor("gamma", 0.1, "factor applied at each step"),
                duration("every", 30, Unit.EPOCHS, "length of one step"));
        add(r, "multistep", "lr times gamma at each of the given epochs of the phase", "",
                a -> new MultiStep(a.number("lr"), a.number("gamma"), a.numbers("at")),
                rate("lr", 0.1, "rate before the first milestone"),
                factor("gamma", 0.1, "factor applied at each milestone"),
                Param.of("at", Type.NUMBERS, numbers(80, 120), "epochs of the phase at which the rate drops")
                        .range(0, Double.POSITIVE_INFINITY));
        add(r, "exponential", "lr times gamma once per epoch", "",
                a -> new Exponential(a.number("lr"), a.number("gamma")),
                rate("lr", 0.1, "rate of the first epoch"),
                factor("gamma", 0.95, "factor applied after each epoch"));
        add(r, "linear", "a straight line from start towards end over the phase", "",
                a -> new Linear(a.number("start"), a.number("end")),
                rate("start", 0.1, "rate of the first iteration"),
                rate("end", 0.0, "rate the line reaches as the phase ends"));
        add(r, "cosine", "half a cosine from lr down to min over the phase",
                "Loshchilov and Hutter 2017, SGDR (without restarts)",
                a -> new Cosine(a.number("lr"), a.number("min")),
                rate("lr", 0.1, "rate of the first iteration"),
                rate("min", 0.0, "rate the cosine reaches as the phase ends"));
        add(r, "warmup", "a linear rise over the first part of the phase, then the schedule over the rest",
                "Goyal et al. 2017, Accurate, Large Minibatch SGD",
                a -> new WarmUp(schedule(r, a.value("schedule")), length(a, "over")),
                Param.of("schedule", Type.SCHEDULE, null, "schedule that runs after the warm-up"),
                duration("over", 5, Unit.EPOCHS, "length of the warm-up"));
        add(r, "cyclic", "triangular cyclical rate between base and max, step iterations up and as many down",
                "Smith 2017, Cyclical Learning Rates for Training Neural Networks",
                a -> new Triangular(a.number("base"), a.number("max"), length(a, "step")),
                rate("base", 0.001, "lowest rate, at the start and end of each triangle"),
                rate("max", 0.006, "highest rate, at the top of each triangle"),
                duration("step", 2000, Unit.ITERATIONS, "half a triangle"));
        add(r, "one_cycle", "1cycle: cosine up from max/div to max, then down to max/(div*final_div)",
                "Smith and Topin 2019, Super-Convergence; as PyTorch's OneCycleLR",
                a -> new OneCycle(a.number("max"), a.number("rise"), a.number("div"), a.number("final_div")),
                rate("max", 0.1, "peak rate"),
                share("rise", 30, "share of the phase spent rising"),
                Param.of("div", Type.NUMBER, Value.Num.of(25), "the first rate is max/div")
                        .range(1, Double.POSITIVE_INFINITY),
                Param.of("final_div", Type.NUMBER, Value.Num.of(1e4), "the last rate is the first one / final_div")
                        .range(1, Double.POSITIVE_INFINITY));
        registerRetraining(r);
        registerPruningAware(r);
    }

    /** Rates for retraining after pruning, read off the dense training's schedule. */
    private static void registerRetraining(Registry r) {
        add(r, "ft", "FT: the smallest rate of the dense training (after its warm-up) throughout",
                "Han et al. 2015 as framed by " + RETRAINING, a -> new FineTune());
        add(r, "lr_rewind", "LR rewinding: replay the last T_rt iterations of the dense training's schedule",
                RETRAINING, a -> new Rewind());
        add(r, "slr", "SLR: warm up to the dense maximum, then the whole dense schedule squeezed into the rest",
                LE_HUA, a -> new ScaledRestart(a.number("warmup")), warmShare());
        add(r, "clr", "CLR: warm up to the dense maximum, then a cosine down to the dense minimum",
                LE_HUA, a -> new CosineRestart(a.number("warmup")), warmShare());
        add(r, "llr", "LLR: warm up to the dense maximum, then a straight line down to 0",
                BIMP, a -> new LinearRestart(a.number("warmup")), warmShare());
        add(r, "allr", "ALLR: LLR from clip(max*d/sqrt(s), T_rt/T_orig*max, max), d the norm share pruned away",
                BIMP, a -> new AdaptiveLinearRestart(a.number("warmup")), warmShare());
    }

    /** Rates that follow how sparse the network is. */
    private static void registerPruningAware(Registry r) {
        add(r, "s_cyc", "triangles from base up to a peak that rises from min to max along an S of the pruned "
                        + "share; k is the S's steepness (SILO's beta) [reconstructed: the triangles in a cycle]",
                "S-Cyc: A Learning Rate Schedule for Iterative Pruning of ReLU-based Networks (2021); "
                        + "S-shape from " + SILO + "; within-cycle triangles [reconstructed]",
                a -> new SCyc(shape(a), a.number("max") * a.number("base"), a.integer("triangles")),
                sShape(Arrays.asList(
                        share("base", 10, "lowest rate of the triangles, as a share of max [reconstructed]"),
                        Param.of("triangles", Type.INT, Value.Num.of(1), "triangles per retraining phase "
                                + "[reconstructed]").range(1, 1000))));
        add(r, "silo", "linear warm-up to a peak rising from min to max along the S 1/(1+(x/(1-x))^-k) of the "
                        + "pruned share x, then times gamma at each epoch in at",
                SILO,
                a -> new Silo(shape(a), length(a, "warmup"), a.numbers("at"), a.number("gamma")),
                sShape(Arrays.asList(
                        duration("warmup", 10000, Unit.ITERATIONS, "length of the warm-up to the cycle's peak"),
                        Param.of("at", Type.NUMBERS, numbers(80, 120), "epochs of the phase at which the rate drops")
                                .range(0, Double.POSITIVE_INFINITY),
                        factor("gamma", 0.1, "factor applied at each epoch in at"))));
        add(r, "icepick", "base - delta/(1 + (a/(2(1-pivot) - a))^k) for density a: lower as pruning proceeds",
                "ICE-Pick; code: gicLAB/ICE-Pruning",
                a -> new IcePick(a.number("base"), a.number("delta"), a.number("pivot"), a.number("k")),
                rate("base", 1e-3, "rate of the dense network"),
                rate("delta", 7.5e-4, "how far the rate falls for a sparse network"),
                share("pivot", 12, "pruned share at which the rate has fallen half way (P)"),
                steepness(50, "steepness of the fall (beta in the ICE-Pick code)"));
        r.add(new Builtin<Oracle>(ORACLE, Kind.SCHEDULE, List.of(
                Param.of("grid", Type.NUMBERS, numbers(0.01, 0.02, 0.05, 0.1), "peak rates to try in every phase, "
                        + "in order; a tie goes to the earlier").range(Double.MIN_VALUE, Double.POSITIVE_INFINITY),
                share("base", 10, "lowest rate of the triangles, as a share of the peak [reconstructed]"),
                Param.of("triangles", Type.INT, Value.Num.of(1), "triangles per phase [reconstructed]").range(1, 1000)),
                null, "per phase, train from the same state once per peak in grid (s_cyc's triangles), keep the best "
                        + "by validation accuracy [reconstructed: the shape within a phase]",
                "the Oracle of S-Cyc (2021) and of " + SILO + "; within-phase triangles as s_cyc [reconstructed]",
                a -> new Oracle(a.numbers("grid"), a.number("base"), a.integer("triangles"))));
    }

    /** The schedule that searches by training: named so the checker can keep it out of other schedules. */
    public static final String ORACLE = "oracle";

    /** The S-shape's parameters, shared by s_cyc and silo, followed by the schedule's own. */
    private static Param[] sShape(List<Param> own) {
        List<Param> params = new ArrayList<>(List.of(
                rate("max", 0.1, "highest peak, reached as the network gets sparse"),
                share("min", 40, "lowest peak, as a share of max (SILO's VGG-19: .04 of .10)"),
                steepness(5, "steepness of the S: S(x) = 1/(1+(x/(1-x))^-k) (the SILO code's beta)"),
                Param.unless(S_RATE, Type.FRACTION, "the prune policy's", "share of the remaining weights pruned per "
                        + "cycle, which the S follows; left out, the prune policy's rate (given, it must be the "
                        + "same)").range(0, 1),
                Param.of("delay", Type.CYCLES, Value.Num.of(1), "cycles that keep the lowest peak "
                        + "(cycle 0 is the dense training)").range(0, 1000)));
        params.addAll(own);
        return params.toArray(new Param[0]);
    }

    /** The schedules whose peak follows the sparsity along an S, and the pruning rate they assume. */
    public static final java.util.Set<String> S_SHAPED = java.util.Set.of("s_cyc", "silo");
    public static final String S_RATE = "rate";

    private static SShape shape(Args a) {
        double max = a.number("max");
        // Left out, the runners fill in the prune policy's rate (check.Schedules.following).
        double rate = a.has(S_RATE) ? a.number(S_RATE) : Double.NaN;
        return new SShape(max * a.number("min"), max, a.number("k"), rate, a.integer("delay"));
    }

    private static void add(Registry r, String name, String doc, String paper, Function<Args, LrSchedule> factory,
                            Param... params) {
        r.add(new Builtin<>(name, Kind.SCHEDULE, List.of(params), null, doc, paper, factory));
    }

    private static Param rate(String name, double fallback, String doc) {
        return Param.of(name, Type.NUMBER, Value.Num.of(fallback), doc).range(0, Double.POSITIVE_INFINITY);
    }

    private static Param factor(String name, double fallback, String doc) {
        return Param.of(name, Type.NUMBER, Value.Num.of(fallback), doc).range(0, 1);
    }

    private static Param share(String name, double percent, String doc) {
        return Param.of(name, Type.FRACTION, new Value.Num(percent, Unit.PERCENT), doc).range(0, 1);
    }

    private static Param steepness(double fallback, String doc) {
        return Param.of("k", Type.NUMBER, Value.Num.of(fallback), doc).range(0, 1000);
    }

    private static Param duration(String name, double amount, Unit unit, String doc) {
        return Param.of(name, Type.DURATION, new Value.Num(amount, unit), doc).range(0, Double.POSITIVE_INFINITY);
    }

    private static Param warmShare() {
        return share("warmup", 10, "share of the retraining spent warming up from 0");
    }

    private static Value numbers(double... items) {
        return new Value.ListV(Arrays.stream(items).mapToObj(v -> (Value) Value.Num.of(v)).toList());
    }

    /** Epochs if written in epochs, iterations otherwise (a bare number counts iterations). */
    private static Length length(Args a, String name) {
        Value.Num n = a.quantity(name);
        return n.unit() == Unit.EPOCHS ? Length.epochs(n.value()) : Length.iterations(n.value());
    }

    /** A schedule argument: a number is a constant rate; a named schedule gets its defaults filled in. */
    static LrSchedule schedule(Registry r, Value value) {
        if (value instanceof Value.Num n) {
            return new Constant(n.plain());
        }
        Value.Ref ref = (Value.Ref) value;
        Builtin<?> builtin = r.find(ref.name()).orElseThrow(() ->
                new IllegalArgumentException("unknown schedule " + ref.name()));
        Map<String, Value> args = defaults(builtin);
        args.putAll(ref.args());
        return r.create(new Value.Ref(ref.name(), args, ref.called()), LrSchedule.class);
    }

    /** The builtin's parameters that have defaults, with them. */
    static Map<String, Value> defaults(Builtin<?> builtin) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (Param p : builtin.params()) {
            if (p.fallback() != null) {
                values.put(p.name(), p.fallback());
            }
        }
        return values;
    }
}

package dev.prune.check;

import dev.prune.builtins.DataSource;
import dev.prune.builtins.Value;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.source.Span;
import java.util.List;

/**
 * What the interpreter executes: statements with every name bound and every constant computed.
 * Schedules and criteria are kept as checked references and built by the interpreter, so a
 * recipe can be checked and planned without constructing anything heavy.
 */
public sealed interface Step {
    Span span();

    record UseSeed(Span span, long seed) implements Step {}

    /** @param file the saved model whose weights and masks to load, or null for a fresh network */
    record UseModel(Span span, NetworkSpec network, String text, java.nio.file.Path file) implements Step {}

    /** @param network the model sized for this data, when the model is known already; else null */
    record UseData(Span span, DataSource data, String text, UseModel network) implements Step {}

    record UseOptimizer(Span span, OptimizerSpec optimizer, String text) implements Step {}

    /**
     * @param lr   the schedule for this training only, or null for the lr policy
     * @param stop a stopping rule that may end the training early, or null
     */
    record Train(Span span, Value.Num duration, Value.Ref lr, Value.Ref stop) implements Step {}

    record SetRetrain(Span span, Value.Num duration, Value.Ref lr, Value.Ref stop) implements Step {}

    /**
     * Train the pruned network from a fresh random initialization (Liu et al. 2019, "Rethinking
     * the value of network pruning").
     *
     * @param duration the length for {@link Budget#GIVEN}, else null
     */
    record Scratch(Span span, Budget budget, Value.Num duration, Value.Ref lr) implements Step {
        public enum Budget {
            /** Scratch-E: as many iterations as the training before the first pruning. */
            EPOCHS,
            /** Scratch-B: those times the dense FLOPs over the remaining FLOPs. */
            FLOPS,
            GIVEN
        }
    }

    record SetLr(Span span, Value.Ref schedule) implements Step {}

    record PruneNow(Span span, PruneSpec prune) implements Step {}

    record SetPrune(Span span, PruneSpec prune) implements Step {}

    /** A prune policy that acts inside training (gradual pruning, dynamic sparse training). */
    record SetGradual(Span span, PruneSpec prune, GradualSpec timing) implements Step {}

    /**
     * @param checkpoint what to rewind to each cycle: a checkpoint's name, {@value #RANDOM} for a
     *                   fresh random initialization, or null with {@code point} null for no rewinding
     * @param point      the iteration or epoch of the first training to rewind to, else null
     * @param lr         retrain with the dense schedule from the rewound point on
     */
    record SetRewind(Span span, String checkpoint, Value.Num point, boolean lr) implements Step {
        public static final String RANDOM = "random";
    }

    record TakeCheckpoint(Span span, String name) implements Step {}

    record SetFreeze(Span span, LayerRule rule) implements Step {}

    /** @param rule the layers to unfreeze, null for all */
    record Unfreeze(Span span, LayerRule rule) implements Step {}

    record SetFinetune(Span span, Condition when) implements Step {}

    record RunCycles(Span span, int cycles) implements Step {}

    record RunUntil(Span span, Condition until, int max) implements Step {}

    record Evaluate(Span span) implements Step {}

    record Report(Span span) implements Step {}

    record Save(Span span, String path) implements Step {}

    /** @param path where to save the smaller network inside the run directory, or null */
    record Compact(Span span, String path) implements Step {}

    /**
     * @param at      the condition that selects the cycle the claim is about, or null for the last
     * @param variant the sweep variant whose cycles the claim is about ({@code rate=20%}, {@code a=1,b=init}),
     *                or "" for the run's own cycles
     */
    record Expect(Span span, Condition claim, Condition at, String variant) implements Step {
        public Expect(Span span, Condition claim, Condition at) {
            this(span, claim, at, "");
        }
    }

    /**
     * {@code sweep NAME in [...] { ... }} or {@code sweep NAME { a { ... } b { ... } }}: the body,
     * checked once per variant, run once per variant from the same starting state. A variant's steps
     * hold its own named block in place; a nested sweep is a step among them.
     */
    record Sweep(Span span, String name, List<Variant> variants) implements Step {}

    /**
     * One variant of a sweep: the value as written (or the block's name), and the body's steps checked
     * with the sweep's name bound to it.
     */
    record Variant(String label, Value value, List<Step> steps) {}
}

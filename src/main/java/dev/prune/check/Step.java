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

    /** Calls the visitor's method for this kind of step. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per kind of step. A pass over steps (the interpreter, the planner) implements
     * them all, so a kind of step that a pass does not handle fails to compile.
     */
    interface Visitor<R> {
        R visit(UseSeed s);

        R visit(UseModel s);

        R visit(UseData s);

        R visit(UseOptimizer s);

        R visit(Train s);

        R visit(SetRetrain s);

        R visit(Scratch s);

        R visit(SetLr s);

        R visit(SetPenalty s);

        R visit(PruneNow s);

        R visit(SetPrune s);

        R visit(SetGradual s);

        R visit(SetRewind s);

        R visit(TakeCheckpoint s);

        R visit(SetFreeze s);

        R visit(Unfreeze s);

        R visit(SetFinetune s);

        R visit(RunCycles s);

        R visit(RunUntil s);

        R visit(Evaluate s);

        R visit(Report s);

        R visit(Save s);

        R visit(Compact s);

        R visit(Expect s);

        R visit(Sweep s);
    }

    /**
     * A pass that acts on what steps do (the interpreter, the planner) and leaves the policies to
     * {@link Policy#after}: a step that does nothing but set a policy comes to {@link #policy}.
     * Every other kind still has a method of its own to implement.
     */
    interface ActionVisitor<R> extends Visitor<R> {
        /** What a step that only sets a policy (lr, retrain, penalty, freeze, finetune) gives this pass. */
        R policy(Step s);

        @Override
        default R visit(SetLr s) {
            return policy(s);
        }

        @Override
        default R visit(SetRetrain s) {
            return policy(s);
        }

        @Override
        default R visit(SetPenalty s) {
            return policy(s);
        }

        @Override
        default R visit(SetFreeze s) {
            return policy(s);
        }

        @Override
        default R visit(SetFinetune s) {
            return policy(s);
        }
    }

    record UseSeed(Span span, long seed) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** @param file the saved model whose weights and masks to load, or null for a fresh network */
    record UseModel(Span span, NetworkSpec network, String text, java.nio.file.Path file) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** @param network the model sized for this data, when the model is known already; else null */
    record UseData(Span span, DataSource data, String text, UseModel network) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record UseOptimizer(Span span, OptimizerSpec optimizer, String text) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * @param lr   the schedule for this training only, or null for the lr policy
     * @param stop a stopping rule that may end the training early, or null
     */
    record Train(Span span, Value.Num duration, Value.Ref lr, Value.Ref stop) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record SetRetrain(Span span, Value.Num duration, Value.Ref lr, Value.Ref stop) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * Train the pruned network from a fresh random initialization (Liu et al. 2019, "Rethinking
     * the value of network pruning").
     *
     * @param duration the length for {@link Budget#GIVEN}, else null
     */
    record Scratch(Span span, Budget budget, Value.Num duration, Value.Ref lr) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }

        public enum Budget {
            /** Scratch-E: as many iterations as the training before the first pruning. */
            EPOCHS,
            /** Scratch-B: those times the dense FLOPs over the remaining FLOPs. */
            FLOPS,
            GIVEN
        }
    }

    record SetLr(Span span, Value.Ref schedule) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** @param penalty the penalty builtin for the trainings that follow, or null for none */
    record SetPenalty(Span span, Value.Ref penalty, String text) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record PruneNow(Span span, PruneSpec prune) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record SetPrune(Span span, PruneSpec prune) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** A prune policy that acts inside training (gradual pruning, dynamic sparse training). */
    record SetGradual(Span span, PruneSpec prune, GradualSpec timing) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * @param checkpoint what to rewind to each cycle: a checkpoint's name, {@value #RANDOM} for a
     *                   fresh random initialization, or null with {@code point} null for no rewinding
     * @param point      the iteration or epoch of the first training to rewind to, else null
     * @param lr         retrain with the dense schedule from the rewound point on
     */
    record SetRewind(Span span, String checkpoint, Value.Num point, boolean lr) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }

        public static final String RANDOM = "random";
    }

    record TakeCheckpoint(Span span, String name) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record SetFreeze(Span span, LayerRule rule) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** @param rule the layers to unfreeze, null for all */
    record Unfreeze(Span span, LayerRule rule) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record SetFinetune(Span span, Condition when) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record RunCycles(Span span, int cycles) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record RunUntil(Span span, Condition until, int max) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Evaluate(Span span) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Report(Span span) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Save(Span span, String path) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** @param path where to save the smaller network inside the run directory, or null */
    record Compact(Span span, String path) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * @param at      the condition that selects the cycle the claim is about, or null for the last
     * @param variant the sweep variant whose cycles the claim is about ({@code rate=20%}, {@code a=1,b=init}),
     *                or "" for the run's own cycles
     */
    record Expect(Span span, Condition claim, Condition at, String variant) implements Step {
        public Expect(Span span, Condition claim, Condition at) {
            this(span, claim, at, "");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * {@code sweep NAME in [...] { ... }} or {@code sweep NAME { a { ... } b { ... } }}: the body,
     * checked once per variant, run once per variant from the same starting state. A variant's steps
     * hold its own named block in place; a nested sweep is a step among them.
     */
    record Sweep(Span span, String name, List<Variant> variants) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * One variant of a sweep: the value as written (or the block's name), and the body's steps checked
     * with the sweep's name bound to it.
     */
    record Variant(String label, Value value, List<Step> steps) {}
}

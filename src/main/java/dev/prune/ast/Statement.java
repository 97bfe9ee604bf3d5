package dev.prune.ast;

import dev.prune.source.Span;
import java.util.List;

/**
 * Statements. Actions do something now (train, run, evaluate, save, report, expect, one-shot
 * prune); policies configure the pruning cycle and stay in force until replaced (prune every
 * cycle, lr, rewind, freeze, retrain, finetune).
 */
public sealed interface Statement {
    Span span();

    /** The statement's keyword, for messages and the REPL. */
    default String keyword() {
        return getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    /** Calls the visitor's method for this kind of statement. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per kind of statement. A pass over statements (the checker) implements them all,
     * so a kind of statement that a pass does not handle fails to compile.
     */
    interface Visitor<R> {
        R visit(Import s);

        R visit(Requires s);

        R visit(Param s);

        R visit(Let s);

        R visit(Seed s);

        R visit(Model s);

        R visit(Data s);

        R visit(Optimizer s);

        R visit(Train s);

        R visit(Retrain s);

        R visit(Scratch s);

        R visit(Prune s);

        R visit(Lr s);

        R visit(Penalty s);

        R visit(Rewind s);

        R visit(Checkpoint s);

        R visit(Freeze s);

        R visit(Unfreeze s);

        R visit(Finetune s);

        R visit(RunCycles s);

        R visit(RunUntil s);

        R visit(Evaluate s);

        R visit(Report s);

        R visit(Save s);

        R visit(Compact s);

        R visit(Expect s);

        R visit(Sweep s);

        R visit(Variant s);

        R visit(Dropped s);
    }

    record Import(Span span, String path) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * {@code requires model, data, train}: what a module expects to be in place when it is imported
     * (a model, data, a dense training). Imported, it is checked against the recipe; a module
     * checked on its own is checked after stand-ins for them.
     *
     * @param standIns the model or data a module names for that (e.g. {@code requires model
     *                 vgg(depth=11), data}, for a module that needs batch norm), as written, by need
     */
    record Requires(Span span, List<String> needs, java.util.Map<String, String> standIns) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Param(Span span, String name, Expr value) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Let(Span span, String name, Expr value) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Seed(Span span, Expr value) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Model(Span span, Expr value) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Data(Span span, Expr value) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Optimizer(Span span, Expr value) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * {@code train [up to] 5 epochs [lr ...] [stop RULE]}: dense training now.
     *
     * @param stop a stopping rule such as {@code early(patience=5)}, or null to train the whole length
     */
    record Train(Span span, Expr duration, Expr lr, Expr stop) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** {@code retrain [up to] 3 epochs [lr ...] [stop RULE]}: policy, the training step of each cycle. */
    record Retrain(Span span, Expr duration, Expr lr, Expr stop) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * {@code scratch e | b | 3 epochs [lr ...]}: train the pruned network (the same masks) from a
     * fresh random initialization, as long as the training before pruning (e), that scaled by the
     * FLOPs saved (b), or for a given length.
     */
    record Scratch(Span span, Expr budget, Expr lr) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** {@code prune [global] criterion clauses...}; one-shot unless timing says otherwise. */
    record Prune(Span span, Expr criterion, Scope scope, Amount amount, Timing timing,
                 Selector on, Selector except) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }

        public boolean isPolicy() {
            return !(timing instanceof Timing.Now);
        }
    }

    enum Scope { LAYERWISE, GLOBAL }

    sealed interface Amount {
        Span span();

        /** {@code by 20%}: of the weights still remaining. */
        record By(Span span, Expr rate) implements Amount {}

        /** {@code to 90% [over 10 cycles]}: a target sparsity, reached at a constant per-cycle rate. */
        record To(Span span, Expr target, Expr over) implements Amount {}

        /**
         * {@code by 20% on hidden, 10% on output}: each selection loses its own share of its
         * remaining weights in the same step; the statement then has no {@code on} clause. With
         * {@code targets}, {@code to 80% on hidden, 90% on output [over 10 cycles]}: each
         * selection goes to its own sparsity, at a constant per-cycle rate of its own.
         *
         * @param over the cycles the targets are reached in, or null (only with targets)
         */
        record Shares(Span span, List<Share> shares, boolean targets, Expr over) implements Amount {
            public Shares(Span span, List<Share> shares) {
                this(span, shares, false, null);
            }
        }
    }

    /**
     * One part of a {@link Amount.Shares}: {@code rate} of the remaining weights of the layers
     * {@code on} selects, or with targets the sparsity they go to.
     */
    record Share(Span span, Expr rate, Selector on) {}

    sealed interface Timing {
        Span span();

        record Now(Span span) implements Timing {}

        record EveryCycle(Span span) implements Timing {}

        /**
         * {@code every 100 iterations [from 1 epoch] until 8 epochs}: inside training (gradual
         * pruning, dynamic sparse training); {@code from} and {@code until} may be null.
         */
        record Every(Span span, Expr interval, Expr from, Expr until) implements Timing {}

        /** {@code at init}: before any training (SNIP, GraSP, SynFlow). */
        record At(Span span, String point) implements Timing {}
    }

    record Lr(Span span, Expr schedule) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** {@code penalty bn_l1(lambda=1e-4) | none}: policy, a term added to the loss of the trainings that follow; null = none. */
    record Penalty(Span span, Expr penalty) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * {@code rewind to init | to <checkpoint> | to random | to iteration 500 | to epoch 2 | none},
     * optionally {@code with lr}; target null = none.
     *
     * @param point {@link Unit#ITERATIONS} or {@link Unit#EPOCHS} when written {@code to iteration K}
     *              or {@code to epoch K} (the target is then K), else null
     * @param lr    {@code with lr}: retrain with the dense schedule from the rewound point on
     */
    record Rewind(Span span, Expr target, Unit point, boolean lr) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Checkpoint(Span span, String name) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Freeze(Span span, Selector layers) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** {@code unfreeze [layers]}; null selector = every layer. */
    record Unfreeze(Span span, Selector layers) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Finetune(Span span, Expr condition) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record RunCycles(Span span, Expr count) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record RunUntil(Span span, Expr condition, Expr max) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Evaluate(Span span) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Report(Span span) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Save(Span span, String path) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * {@code compact ["small.zip"]}: builds the physically smaller network that leaves out the
     * units structured pruning removed, checks and times it, and saves it when a path is given.
     */
    record Compact(Span span, String path) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * {@code expect accuracy >= 80% [at sparsity >= 85%] [in rate = 20%]}.
     *
     * @param variant the variant of an earlier sweep the claim is about, one part per nested sweep
     *                ({@code in a = 1, b = init}); empty for the run itself
     */
    record Expect(Span span, Expr claim, Expr at, List<VariantPart> variant) implements Statement {
        public Expect(Span span, Expr claim, Expr at) {
            this(span, claim, at, List.of());
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** One sweep's part of a variant's name: {@code rate = 20%}. */
    record VariantPart(Span span, String sweep, Expr value) {}

    /**
     * {@code sweep NAME in [v1, v2] { ... }} runs the block once per value; {@code sweep NAME { a { ... }
     * b { ... } ... }} (values null) once per named block, each time with only that block of the body.
     */
    record Sweep(Span span, String variable, Expr values, List<Statement> body) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** {@code NAME { ... }}: a named block, one variant of the sweep without values it stands in. */
    record Variant(Span span, String name, List<Statement> body) implements Statement {
        @Override
        public String keyword() {
            return "sweep";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * A statement left out for a syntax error (reported already). It stays in the list so that the
     * checker knows what may have been meant there and reports nothing that follows from its absence.
     *
     * @param word the statement's first word as written ({@code prnue}, {@code model})
     * @param name the name a broken {@code let} or {@code param} would have defined, or null
     */
    record Dropped(Span span, String word, String name) implements Statement {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }
}

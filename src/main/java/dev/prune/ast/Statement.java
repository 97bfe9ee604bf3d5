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

    record Import(Span span, String path) implements Statement {}

    /**
     * {@code requires model, data, train}: what a module expects to be in place when it is imported
     * (a model, data, a dense training). Imported, it is checked against the recipe; a module
     * checked on its own is checked after stand-ins for them.
     */
    record Requires(Span span, List<String> needs) implements Statement {}

    record Param(Span span, String name, Expr value) implements Statement {}

    record Let(Span span, String name, Expr value) implements Statement {}

    record Seed(Span span, Expr value) implements Statement {}

    record Model(Span span, Expr value) implements Statement {}

    record Data(Span span, Expr value) implements Statement {}

    record Optimizer(Span span, Expr value) implements Statement {}

    /**
     * {@code train [up to] 5 epochs [lr ...] [stop RULE]}: dense training now.
     *
     * @param stop a stopping rule such as {@code early(patience=5)}, or null to train the whole length
     */
    record Train(Span span, Expr duration, Expr lr, Expr stop) implements Statement {}

    /** {@code retrain [up to] 3 epochs [lr ...] [stop RULE]}: policy, the training step of each cycle. */
    record Retrain(Span span, Expr duration, Expr lr, Expr stop) implements Statement {}

    /**
     * {@code scratch e | b | 3 epochs [lr ...]}: train the pruned network (the same masks) from a
     * fresh random initialization, as long as the training before pruning (e), that scaled by the
     * FLOPs saved (b), or for a given length.
     */
    record Scratch(Span span, Expr budget, Expr lr) implements Statement {}

    /** {@code prune [global] criterion clauses...}; one-shot unless timing says otherwise. */
    record Prune(Span span, Expr criterion, Scope scope, Amount amount, Timing timing,
                 Selector on, Selector except) implements Statement {
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
         * remaining weights in the same step; the statement then has no {@code on} clause.
         */
        record Shares(Span span, List<Share> shares) implements Amount {}
    }

    /** One rate of a {@link Amount.Shares}: {@code rate} of the remaining weights of the layers {@code on} selects. */
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

    record Lr(Span span, Expr schedule) implements Statement {}

    /**
     * {@code rewind to init | to <checkpoint> | to random | to iteration 500 | to epoch 2 | none},
     * optionally {@code with lr}; target null = none.
     *
     * @param point {@link Unit#ITERATIONS} or {@link Unit#EPOCHS} when written {@code to iteration K}
     *              or {@code to epoch K} (the target is then K), else null
     * @param lr    {@code with lr}: retrain with the dense schedule from the rewound point on
     */
    record Rewind(Span span, Expr target, Unit point, boolean lr) implements Statement {}

    record Checkpoint(Span span, String name) implements Statement {}

    record Freeze(Span span, Selector layers) implements Statement {}

    /** {@code unfreeze [layers]}; null selector = every layer. */
    record Unfreeze(Span span, Selector layers) implements Statement {}

    record Finetune(Span span, Expr condition) implements Statement {}

    record RunCycles(Span span, Expr count) implements Statement {}

    record RunUntil(Span span, Expr condition, Expr max) implements Statement {}

    record Evaluate(Span span) implements Statement {}

    record Report(Span span) implements Statement {}

    record Save(Span span, String path) implements Statement {}

    /**
     * {@code compact ["small.zip"]}: builds the physically smaller network that leaves out the
     * units structured pruning removed, checks and times it, and saves it when a path is given.
     */
    record Compact(Span span, String path) implements Statement {}

    /** {@code expect accuracy >= 80% [at sparsity >= 85%]}. */
    record Expect(Span span, Expr claim, Expr at) implements Statement {}

    record Sweep(Span span, String variable, Expr values, List<Statement> body) implements Statement {}

    /**
     * A statement left out for a syntax error (reported already). It stays in the list so that the
     * checker knows what may have been meant there and reports nothing that follows from its absence.
     *
     * @param word the statement's first word as written ({@code prnue}, {@code model})
     * @param name the name a broken {@code let} or {@code param} would have defined, or null
     */
    record Dropped(Span span, String word, String name) implements Statement {}
}

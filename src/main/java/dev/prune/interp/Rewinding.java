package dev.prune.interp;

import dev.prune.ast.Unit;
import dev.prune.builtins.Value;
import dev.prune.check.Step;
import dev.prune.source.Span;

/**
 * The rewind step of a cycle: back to a checkpoint, to the weights a point of the first training
 * had, or to fresh random weights.
 */
final class Rewinding {
    private final RunState state;
    private final Trainer trainer;

    Rewinding(RunState state, Trainer trainer) {
        this.state = state;
        this.trainer = trainer;
    }

    /** A seed for fresh weights in a cycle, apart from the recipe's own initialization. */
    static long freshSeed(long seed, int cycle) {
        return seed * 1_000_003L + 104_729L * cycle + 1;
    }

    void apply(Span span, int cycle) {
        if (state.policy.rewindPoint() != null) {
            state.engine.rewind(taken(span, state.policy.rewindPoint()));
        } else if (Step.SetRewind.RANDOM.equals(state.policy.rewindTo())) {
            state.engine.reinitialize(freshSeed(state.seed, cycle));
        } else if (state.policy.rewindTo() != null) {
            state.engine.rewind(state.policy.rewindTo());
        } else {
            return;
        }
        state.initialWeights = true;
    }

    /** The checkpoint of a point, or a failure saying why the run has none. */
    private String taken(Span span, Value.Num point) {
        long k = trainer.iterations(point);
        String name = InTraining.pointName(point);
        if (state.trainedIterations < k) {
            throw new RunFailure(span, "cannot rewind to " + name + (point.unit() == Unit.EPOCHS ? " (iteration " + k + ")"
                    : "") + ": the run has trained "
                    + state.trainedIterations + " iterations so far; train at least that far before the first cycle");
        }
        if (!state.takenPoints.contains(name)) {
            throw new RunFailure(span, "cannot rewind to " + name + ": training passed it before the rewind was "
                    + "given; state the rewind before the training that passes it");
        }
        return name;
    }
}

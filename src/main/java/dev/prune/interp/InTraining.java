package dev.prune.interp;

import dev.prune.ast.Printer;
import dev.prune.ast.Unit;
import dev.prune.builtins.Registry;
import dev.prune.builtins.Value;
import dev.prune.engine.Split;
import dev.prune.engine.TrainHook;
import dev.prune.pruning.BnScale;
import dev.prune.source.Span;
import dev.prune.stopping.EarlyBird;
import dev.prune.stopping.EarlyStop;
import java.util.Locale;

/**
 * What happens between the iterations of a training phase, in this order: the weights of a point
 * some 'rewind to iteration K' wants are kept as training passes it; the prune policy that acts
 * inside training takes its step; at the end of each epoch a stopping rule reads the validation
 * loss, or the early-bird rule a channel mask, and may end the phase.
 */
final class InTraining {
    /** Internal checkpoint names have a space, so they never clash with a recipe's own. */
    private static final String BEST = "best epoch";

    private final RunState state;
    private final Registry registry;
    private final Trainer trainer;
    private final RunListener listener;

    InTraining(RunState state, Registry registry, Trainer trainer, RunListener listener) {
        this.state = state;
        this.registry = registry;
        this.trainer = trainer;
        this.listener = listener;
    }

    /** The checkpoint that holds the weights of a point of training. */
    static String pointName(Value.Num point) {
        return (point.unit() == Unit.EPOCHS ? "epoch " : "iteration ") + Printer.number(point.value());
    }

    Phase begin(Span span, String label, Value.Ref stopRule) {
        Object made = stopRule == null ? null : registry.create(stopRule, Object.class);
        EarlyStop rule = made instanceof EarlyStop e ? e : null;
        if (rule != null && state.validationCount == 0) {
            throw new RunFailure(span, "stop " + stopRule.name() + " watches the validation loss, but the data has "
                    + "no validation split; hold some training examples out with val=N");
        }
        EarlyBirds birds = made instanceof EarlyBird b ? new EarlyBirds(b, label) : null;
        return new Phase(label, rule, birds);
    }

    /**
     * The early-bird rule of one training: network slimming's channel mask at the rule's ratio,
     * taken before the first step and after every epoch, as the authors' loop takes it at the
     * start of every epoch.
     */
    private final class EarlyBirds {
        private final EarlyBird rule;
        private final EarlyBird.Tracker tracker;
        private final String label;

        EarlyBirds(EarlyBird rule, String label) {
            this.rule = rule;
            this.tracker = rule.tracker();
            this.label = label;
            observe();
        }

        /** Takes the mask of now; true once the ticket has emerged. */
        boolean observe() {
            boolean[] mask = BnScale.keptChannels(state.network, state.engine.normScales(), state.masks, rule.ratio());
            state.maskDistance = tracker.observe(mask);
            if (tracker.taken() >= rule.window()) {
                listener.message(String.format(Locale.ROOT, "  %s: epoch %d, early-bird mask distance %.4f",
                        label, tracker.taken() - 1, state.maskDistance));
            }
            return tracker.found();
        }

        void end() {
            listener.message(String.format(Locale.ROOT, "  %s: %s after %d epochs (mask distance %.4f, at most %s "
                    + "over the last %d masks at %s%% of the channels)", label,
                    tracker.found() ? "early-bird ticket drawn" : "no early-bird ticket", tracker.taken() - 1,
                    state.maskDistance, dev.prune.builtins.Format.number(rule.epsilon()), rule.window(),
                    dev.prune.builtins.Format.number(100 * rule.ratio())));
        }
    }

    /**
     * The oracle trains one candidate per rate from the same state, so nothing may happen inside
     * its training; the checker refuses the recipes it can see, this the rest.
     */
    void refuseInside(Span span, int iterations, Value.Ref stop) {
        boolean point = false;
        for (Value.Num p : state.wantedPoints) {
            long k = trainer.iterations(p);
            point |= k > state.trainedIterations && k <= state.trainedIterations + iterations;
        }
        if (stop != null || state.gradual != null || point) {
            throw new RunFailure(span, "the oracle trains one candidate per rate from the same state, so it cannot "
                    + "stop early, prune inside training or keep the weights of a point for a rewind; give this "
                    + "training a plain schedule");
        }
    }

    final class Phase implements TrainHook {
        private final String label;
        private final long start = state.trainedIterations;
        private final int perEpoch = trainer.iterationsPerEpoch();
        private final EarlyStop rule;
        private final EarlyStop.Tracker tracker;
        private final EarlyBirds birds;

        private Phase(String label, EarlyStop rule, EarlyBirds birds) {
            this.label = label;
            this.rule = rule;
            this.tracker = rule == null ? null : rule.tracker();
            this.birds = birds;
        }

        @Override
        public boolean after(int iteration) {
            long done = start + iteration + 1;
            for (Value.Num point : state.wantedPoints) {
                if (trainer.iterations(point) == done) {
                    state.engine.checkpoint(pointName(point));
                    state.takenPoints.add(pointName(point));
                }
            }
            if (state.gradual != null) {
                state.gradual.tick();
            }
            if (birds != null && (iteration + 1) % perEpoch == 0) {
                return !birds.observe();
            }
            if (tracker != null && (iteration + 1) % perEpoch == 0) {
                boolean best = tracker.observe(state.engine.evaluate(Split.VALIDATION).loss());
                if (best && rule.restore()) {
                    state.engine.checkpoint(BEST);
                }
                return !tracker.stop();
            }
            return true;
        }

        /** After the engine returned: the run's clock, and what the stopping rule decided. */
        void end(int iterations, int requested) {
            state.trainedIterations += iterations;
            if (birds != null) {
                birds.end();
            }
            if (tracker == null || tracker.bestEpoch() < 0) {
                return;
            }
            boolean restore = rule.restore() && tracker.bestEpoch() < tracker.epochs() - 1;
            if (restore) {
                state.engine.rewind(BEST);
            }
            if (iterations < requested || restore) {
                listener.message(String.format(Locale.ROOT, "  %s: %s after %d epochs; lowest validation loss %.4f at "
                        + "epoch %d%s", label, iterations < requested ? "stopped early" : "ended", tracker.epochs(),
                        tracker.best(), tracker.bestEpoch() + 1, restore ? ", whose weights were put back" : ""));
            }
        }
    }
}

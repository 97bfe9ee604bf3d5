package dev.prune.check;

import dev.prune.ast.Unit;
import dev.prune.builtins.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The policies in force after some steps: what the cycles and trainings that follow do unless a
 * statement says otherwise. One immutable value, folded over the steps by {@link #after} the same
 * way by the checker, the planner and the interpreter, so that the three cannot disagree on what a
 * policy statement means; a sweep variant starts from the value before the sweep as it is.
 *
 * @param lr          the learning-rate policy ({@code lr ...}), or null before one
 * @param retrain     the length each cycle retrains, or null for no retraining
 * @param retrainLr   the retraining's own schedule, or null for the lr policy (or a rewind's replay)
 * @param retrainStop the retraining's stopping rule, or null to retrain the whole length
 * @param prune       the prune policy applied once per cycle, or null (also while {@code gradual} is in force)
 * @param gradual     the prune policy that acts inside training, or null
 * @param rewindTo    the checkpoint each cycle rewinds to ({@link Step.SetRewind#RANDOM} for fresh weights), or null
 * @param rewindPoint the point of the first training each cycle rewinds to, or null
 * @param rewindLr    retrain with the dense schedule from the rewound point on ('with lr')
 * @param freeze      the layers each cycle freezes, or null
 * @param finetune    the condition a cycle retrains under, or null for always
 * @param penalty     the penalty added to the loss of every training, or null for none
 */
public record Policy(Value.Ref lr, Value.Num retrain, Value.Ref retrainLr, Value.Ref retrainStop, PruneSpec prune,
                     Step.SetGradual gradual, String rewindTo, Value.Num rewindPoint, boolean rewindLr,
                     LayerRule freeze, Condition finetune, Value.Ref penalty) {

    /** Before any policy statement. */
    public static final Policy NONE = new Policy(null, null, null, null, null, null, null, null, false, null, null,
            null);

    /** The policies after {@code step}: a policy step replaces its policy, every other step leaves them. */
    public Policy after(Step step) {
        return step.accept(new Fold(this));
    }

    public Policy withLr(Value.Ref schedule) {
        return new Policy(schedule, retrain, retrainLr, retrainStop, prune, gradual, rewindTo, rewindPoint, rewindLr,
                freeze, finetune, penalty);
    }

    public Policy withRetrain(Value.Num length, Value.Ref schedule, Value.Ref stop) {
        return new Policy(lr, length, schedule, stop, prune, gradual, rewindTo, rewindPoint, rewindLr, freeze,
                finetune, penalty);
    }

    /** A prune policy per cycle; it ends one that acted inside training. */
    public Policy withPrune(PruneSpec spec) {
        return new Policy(lr, retrain, retrainLr, retrainStop, spec, null, rewindTo, rewindPoint, rewindLr, freeze,
                finetune, penalty);
    }

    /** A prune policy inside training; it ends the one per cycle. */
    public Policy withGradual(Step.SetGradual policy) {
        return new Policy(lr, retrain, retrainLr, retrainStop, null, policy, rewindTo, rewindPoint, rewindLr, freeze,
                finetune, penalty);
    }

    public Policy withRewind(String checkpoint, Value.Num point, boolean withLr) {
        return new Policy(lr, retrain, retrainLr, retrainStop, prune, gradual, checkpoint, point, withLr, freeze,
                finetune, penalty);
    }

    public Policy withFreeze(LayerRule rule) {
        return new Policy(lr, retrain, retrainLr, retrainStop, prune, gradual, rewindTo, rewindPoint, rewindLr, rule,
                finetune, penalty);
    }

    public Policy withFinetune(Condition when) {
        return new Policy(lr, retrain, retrainLr, retrainStop, prune, gradual, rewindTo, rewindPoint, rewindLr, freeze,
                when, penalty);
    }

    public Policy withPenalty(Value.Ref added) {
        return new Policy(lr, retrain, retrainLr, retrainStop, prune, gradual, rewindTo, rewindPoint, rewindLr, freeze,
                finetune, added);
    }

    /** The prune policy in force of either kind (per cycle or inside training), or null. */
    public PruneSpec pruning() {
        return prune != null ? prune : gradual != null ? gradual.prune() : null;
    }

    /** The schedule 'rewind ... with lr' retrains with: the dense schedule replayed from the rewound point; else null. */
    public Value.Ref replay() {
        if (!rewindLr) {
            return null;
        }
        Map<String, Value> args = new LinkedHashMap<>();
        args.put("from", rewindPoint != null ? rewindPoint : new Value.Num(0, Unit.ITERATIONS));
        return new Value.Ref("lr_replay", args, true);
    }

    /** The schedule each cycle retrains with: the retraining's own, else the rewind's replay, else the lr policy. */
    public Value.Ref retrainSchedule() {
        return retrainLr != null ? retrainLr : rewindLr ? replay() : lr;
    }

    /** What each kind of step does to the policies. */
    private record Fold(Policy p) implements Step.Visitor<Policy> {
        @Override
        public Policy visit(Step.SetLr s) {
            return p.withLr(s.schedule());
        }

        @Override
        public Policy visit(Step.SetRetrain s) {
            return p.withRetrain(s.duration(), s.lr(), s.stop());
        }

        @Override
        public Policy visit(Step.SetPenalty s) {
            return p.withPenalty(s.penalty());
        }

        @Override
        public Policy visit(Step.SetPrune s) {
            return p.withPrune(s.prune());
        }

        @Override
        public Policy visit(Step.SetGradual s) {
            return p.withGradual(s);
        }

        @Override
        public Policy visit(Step.SetRewind s) {
            return p.withRewind(s.checkpoint(), s.point(), s.lr());
        }

        @Override
        public Policy visit(Step.SetFreeze s) {
            return p.withFreeze(s.rule());
        }

        /**
         * Unfreezing ends the freeze policy, whether it names layers or not: a rule left in force
         * would freeze the layers just named again at the next cycle, undoing the statement.
         */
        @Override
        public Policy visit(Step.Unfreeze s) {
            return p.withFreeze(null);
        }

        @Override
        public Policy visit(Step.SetFinetune s) {
            return p.withFinetune(s.when());
        }

        // The other steps act under the policies and change none; a sweep's variants keep theirs to themselves.

        @Override
        public Policy visit(Step.UseSeed s) {
            return p;
        }

        @Override
        public Policy visit(Step.UseModel s) {
            return p;
        }

        @Override
        public Policy visit(Step.UseData s) {
            return p;
        }

        @Override
        public Policy visit(Step.UseOptimizer s) {
            return p;
        }

        @Override
        public Policy visit(Step.Train s) {
            return p;
        }

        @Override
        public Policy visit(Step.Scratch s) {
            return p;
        }

        @Override
        public Policy visit(Step.PruneNow s) {
            return p;
        }

        @Override
        public Policy visit(Step.TakeCheckpoint s) {
            return p;
        }

        @Override
        public Policy visit(Step.RunCycles s) {
            return p;
        }

        @Override
        public Policy visit(Step.RunUntil s) {
            return p;
        }

        @Override
        public Policy visit(Step.Evaluate s) {
            return p;
        }

        @Override
        public Policy visit(Step.Report s) {
            return p;
        }

        @Override
        public Policy visit(Step.Save s) {
            return p;
        }

        @Override
        public Policy visit(Step.Compact s) {
            return p;
        }

        @Override
        public Policy visit(Step.Expect s) {
            return p;
        }

        @Override
        public Policy visit(Step.Sweep s) {
            return p;
        }
    }
}

package dev.prune.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.prune.ast.Unit;
import dev.prune.builtins.Value;
import dev.prune.source.Span;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What each policy step does to the policies in force: the one fold the checker, the planner and
 * the interpreter share, so these rules hold for all three.
 */
class PolicyTest {
    private static final Span AT = Span.none();
    private static final Value.Ref LR = new Value.Ref("constant", Map.of("value", new Value.Num(0.1, Unit.NONE)), true);
    private static final Value.Ref OWN = new Value.Ref("constant", Map.of("value", new Value.Num(0.01, Unit.NONE)), true);
    private static final PruneSpec L1 = new PruneSpec(new Value.Ref("l1", Map.of(), false), false, 0.2, 0, 1,
            Set.of(0, 1), "l1");
    private static final Value.Num EPOCH = new Value.Num(1, Unit.EPOCHS);

    private static Policy fold(Step... steps) {
        Policy p = Policy.NONE;
        for (Step s : steps) {
            p = p.after(s);
        }
        return p;
    }

    @Test
    void aPruneInsideTrainingEndsThePolicyPerCycleAndTheOtherWayRound() {
        Step.SetGradual gradual = new Step.SetGradual(AT, L1, new GradualSpec(EPOCH, EPOCH, EPOCH, false));
        Policy inside = fold(new Step.SetPrune(AT, L1), gradual);
        assertNull(inside.prune());
        assertSame(gradual, inside.gradual());
        assertSame(L1, inside.pruning());
        Policy again = inside.after(new Step.SetPrune(AT, L1));
        assertSame(L1, again.prune());
        assertNull(again.gradual());
    }

    @Test
    void unfreezingAllOrSomeLayersEndsTheFreezePolicy() {
        LayerRule rule = new LayerRule(Set.of(0), null, 0, "fc1");
        Policy frozen = fold(new Step.SetFreeze(AT, rule));
        assertSame(rule, frozen.freeze());
        assertNull(frozen.after(new Step.Unfreeze(AT, rule)).freeze());
        assertNull(frozen.after(new Step.Unfreeze(AT, null)).freeze());
    }

    @Test
    void theRetrainingTakesItsOwnScheduleThenTheRewindsReplayThenTheLrPolicy() {
        Policy p = fold(new Step.SetLr(AT, LR), new Step.SetRetrain(AT, EPOCH, null, null));
        assertSame(LR, p.retrainSchedule());
        Value.Num point = new Value.Num(500, Unit.ITERATIONS);
        Policy replayed = p.after(new Step.SetRewind(AT, null, point, true));
        assertEquals("lr_replay", replayed.retrainSchedule().name());
        assertEquals(point, replayed.retrainSchedule().args().get("from"));
        assertEquals(new Value.Num(0, Unit.ITERATIONS), p.after(new Step.SetRewind(AT, "init", null, true))
                .retrainSchedule().args().get("from"));
        assertSame(OWN, replayed.after(new Step.SetRetrain(AT, EPOCH, OWN, null)).retrainSchedule());
    }

    @Test
    void stepsThatActLeaveThePoliciesAsTheyAre() {
        Policy p = fold(new Step.SetLr(AT, LR), new Step.SetPrune(AT, L1));
        for (Step s : List.of(new Step.Train(AT, EPOCH, null, null), new Step.RunCycles(AT, 3), new Step.Evaluate(AT),
                new Step.PruneNow(AT, L1), new Step.Sweep(AT, "rate", List.of()))) {
            assertSame(p, p.after(s), s.getClass().getSimpleName());
        }
    }

    @Test
    void aPenaltyOfNoneEndsThePenalty() {
        Value.Ref l1 = new Value.Ref("bn_l1", Map.of(), false);
        Policy p = fold(new Step.SetPenalty(AT, l1, "bn_l1"));
        assertSame(l1, p.penalty());
        assertNull(p.after(new Step.SetPenalty(AT, null, "none")).penalty());
    }
}

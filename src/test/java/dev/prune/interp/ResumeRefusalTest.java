package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.prune.builtins.Registry;
import dev.prune.check.Step;
import dev.prune.engine.Engine;
import dev.prune.testing.FakeEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link Interpreter#checkResumable} refuses, before the CLI restores or writes anything: a
 * checkpoint that does not fit the recipe's statements, and statements that cannot be executed again.
 */
class ResumeRefusalTest {
    @TempDir
    Path dir;

    private static final String RECIPE = """
            seed 4
            model mlp(784, 16, 10)
            data shapes(train=120, test=60)
            lr 0.1
            train 1 epoch
            prune l1 by 20% every cycle
            retrain 1 epoch
            run 2 cycles
            """;

    private List<Step> steps;
    private Snapshot last;

    @BeforeEach
    void runWithCheckpoints() {
        steps = ResumeTest.steps(RECIPE);
        List<Snapshot> saved = new ArrayList<>();
        Interpreter straight = new Interpreter(() -> new FakeEngine(new ArrayList<>()), Registry.standard(),
                new Interpreter.Options(null, 1, dir), RunListener.all(List.of()), () -> false);
        straight.checkpointTo((Snapshot s, Engine engine) -> saved.add(s));
        straight.execute(steps);
        last = saved.get(saved.size() - 1);
        assertEquals(steps.size() - 1, last.step(), "the checkpoint is at 'run 2 cycles', the last statement");
        Interpreter.checkResumable(Registry.standard(), steps, last);
    }

    private RunFailure refused(List<Step> with) {
        return assertThrows(RunFailure.class, () -> Interpreter.checkResumable(Registry.standard(), with, last));
    }

    @Test
    void aPositionPastTheRecipesEndIsOneSentence() {
        RunFailure f = refused(steps.subList(0, last.step()));
        assertEquals("error: the checkpoint points at statement " + (last.step() + 1) + " of a recipe of "
                + last.step() + "; was the recipe changed?", f.render());
    }

    @Test
    void aPositionAtAStatementThatRunsNoCyclesIsRefusedThere() {
        List<Step> shifted = new ArrayList<>(steps);
        Step train = steps.stream().filter(s -> s instanceof Step.Train).findFirst().orElseThrow();
        shifted.set(last.step(), train);
        RunFailure f = refused(shifted);
        assertEquals("the checkpoint points at a statement that runs no cycles; was the recipe changed?",
                f.getMessage());
        assertEquals(5, f.span().line(), "at the statement found there");
    }

    /** PLATON's averages are in the engine's state: a policy pruning by them is resumed like any other. */
    @Test
    void platonBeforeThePositionIsNotRefused() {
        List<Step> withPlaton = ResumeTest.steps(RECIPE.replace("prune l1 by 20% every cycle",
                "prune global platon to 50% every 2 iterations until 1 epoch"));
        Interpreter.checkResumable(Registry.standard(), withPlaton, last);
    }

    /** The spectral penalty's eigenvector carries over between trainings and is not in the checkpoint. */
    @Test
    void theSpectralPenaltyInForceIsRefusedAtItsStatement() {
        List<Step> withSpectral = ResumeTest.steps(RECIPE.replace("lr 0.1\n",
                "lr 0.1\npenalty spectral(lambda=1e-3, every=5)\n"));
        RunFailure f = assertThrows(RunFailure.class,
                () -> Interpreter.checkResumable(Registry.standard(), withSpectral, last));
        assertEquals("a run with the spectral penalty in force cannot be resumed: its eigenvector estimate is not "
                + "in the checkpoint; run the recipe again", f.getMessage());
        assertEquals(5, f.span().line(), "at the penalty statement");
    }

    /**
     * SCL's mask variables start anew with each training from the masks the checkpoint holds, and a
     * penalty ended by 'none' holds nothing: the statements stand in for the first ones of the
     * recipe, so the checkpoint's position is unchanged.
     */
    @Test
    void sclAndAnEndedSpectralPenaltyAreNotRefused() {
        List<Step> scl = new ArrayList<>(steps);
        scl.set(0, penalty("scl()"));
        Interpreter.checkResumable(Registry.standard(), scl, last);
        List<Step> ended = new ArrayList<>(steps);
        ended.set(0, penalty("spectral()"));
        ended.set(1, penalty("none"));
        Interpreter.checkResumable(Registry.standard(), ended, last);
    }

    private static Step penalty(String text) {
        return ResumeTest.steps(RECIPE.replace("lr 0.1\n", "lr 0.1\npenalty " + text + "\n")).stream()
                .filter(s -> s instanceof Step.SetPenalty).findFirst().orElseThrow();
    }
}

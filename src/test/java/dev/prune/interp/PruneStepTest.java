package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.Registry;
import dev.prune.check.Step;
import dev.prune.front.FrontEnd;
import dev.prune.source.SourceFile;
import dev.prune.testing.FakeEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a pruning step tells the learning-rate schedules: the share it removed and the norm it removed (ALLR's s and d). */
class PruneStepTest {
    @Test
    void theNormRemovedIsRelativeToTheKeptWeightsOfEveryLayer() {
        // layer 0: 3 and 4 kept before, 3 removed; layer 1: 12 kept, 5 already pruned before (not counted)
        List<float[]> weights = List.of(new float[] {3, 4}, new float[] {12, 5});
        List<float[]> before = List.of(new float[] {1, 1}, new float[] {1, 0});
        List<float[]> after = List.of(new float[] {0, 1}, new float[] {1, 0});
        // removed 3^2 of 3^2 + 4^2 + 12^2 = 169
        assertEquals(3.0 / 13.0, CycleRunner.normRemoved(weights, before, after), 1e-12);
        assertEquals(0.0, CycleRunner.normRemoved(List.of(new float[] {0, 0}), List.of(new float[] {1, 1}),
                List.of(new float[] {0, 0})), "no norm to remove: 0, not 0 / 0");
        assertEquals(1.0, CycleRunner.normRemoved(weights, before, List.of(new float[2], new float[2])), 1e-12);
    }

    private static List<CycleRecord> run(String prune) {
        String recipe = """
                seed 5
                model lenet_300_100
                data shapes(train=600, test=100)
                lr 0.1
                train 10 epochs
                PRUNE
                retrain 2 iterations
                lr allr()
                run 2 cycles
                """.replace("PRUNE", prune);
        List<Step> steps = FrontEnd.standard().check(new SourceFile("s.prune", recipe)).requireSteps();
        Interpreter interpreter = new Interpreter(() -> new FakeEngine(new ArrayList<>()), Registry.standard(),
                new Interpreter.Options(null, 1, Path.of("unused")), RunListener.all(List.of()), () -> false);
        interpreter.execute(steps);
        return interpreter.records();
    }

    /**
     * Shares per selection step like one rate when they are equal: the same masks, and ALLR starts
     * each retraining from the same share removed and norm removed (retraining far shorter than the
     * training, so the rate is not clipped to its floor).
     */
    @Test
    void equalSharesOnEveryLayerStepAsOneRate() {
        List<CycleRecord> one = run("prune l1 by 20% every cycle");
        List<CycleRecord> shares = run("prune l1 by 20% on hidden, 20% on output every cycle");
        assertEquals(3, one.size());
        for (int c = 1; c < 3; c++) {
            CycleRecord a = one.get(c);
            CycleRecord b = shares.get(c);
            assertEquals(a.sparsity(), b.sparsity(), 1e-12, "cycle " + c);
            assertTrue(a.lrMax() > 0.1 * 2 / 100 * 1.01 && a.lrMax() < 0.1, "ALLR's rate is between its clips: "
                    + a.lrMax());
            assertEquals(a.lrMax(), b.lrMax(), 1e-9, "cycle " + c);
            assertEquals(a.lrMin(), b.lrMin(), 1e-9, "cycle " + c);
        }
    }
}

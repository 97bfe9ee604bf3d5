package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.builtins.Registry;
import dev.prune.check.Step;
import dev.prune.front.FrontEnd;
import dev.prune.source.SourceFile;
import dev.prune.testing.WatchingEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ICE-Pick's freezing: after the first pruning step and one epoch of fine-tuning, change_l =
 * | ||W_post||_1 - ||W_pre||_1 | / ||W_orig||_2 for each layer, and the ceil(fr * L) layers that
 * changed least freeze.
 */
class IcePickFreezingTest {

    @Test
    void theChangeMeasureOnHandComputedWeights() {
        LayerChanges changes = new LayerChanges();
        changes.original(List.of(new float[] {3, 4}, new float[] {1, 0, 0}));    // L2 norms 5 and 1
        changes.before(List.of(new float[] {1, -1}, new float[] {2, 0, 0}));     // L1 norms 2 and 2
        changes.after(List.of(new float[] {2, -2}, new float[] {2, 1, 0}));      // L1 norms 4 and 3
        assertArrayEquals(new double[] {0.4, 1.0}, changes.deltas(2), 1e-12);
    }

    @Test
    void beforeAnyTrainingNothingHasChangedLittle() {
        LayerChanges changes = new LayerChanges();
        assertEquals(Double.POSITIVE_INFINITY, changes.deltas(1)[0]);
    }

    @Test
    void theLeastChangingCeilOfTheShare() {
        double[] deltas = {0.3, 0.1, 0.2, 0.05, 0.4};
        List<Integer> all = List.of(0, 1, 2, 3, 4);
        assertEquals(List.of(3, 1), Freezing.leastChanging(deltas, all, 0.3, 5));      // ceil(1.5) = 2
        assertEquals(List.of(3, 1, 2, 0, 4), Freezing.leastChanging(deltas, all, 0.9, 5));
        assertEquals(List.of(0), Freezing.leastChanging(new double[] {0.1, 0.1, 0.2}, List.of(0, 1, 2), 0.3, 3));
        double[] ten = new double[10];
        for (int i = 0; i < 10; i++) {
            ten[i] = 10 - i;
        }
        assertEquals(List.of(9, 8, 7), Freezing.leastChanging(ten, List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), 0.3, 10));
    }

    private static double l1(float[] w) {
        double s = 0;
        for (float v : w) {
            s += Math.abs(v);
        }
        return s;
    }

    private static double l2(float[] w) {
        double s = 0;
        for (float v : w) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    @Test
    void freezeThirtyPercentOfLayersIsIcePicksDefinition() {
        String recipe = """
                seed 4
                model lenet5
                data shapes(train=300, test=50)
                lr 0.05
                train 1 epoch
                import "icepick"
                run 2 cycles
                """;
        FrontEnd.Result checked = FrontEnd.standard().check(new SourceFile("ice.prune", recipe));
        assertEquals("", checked.diagnostics().render());
        List<Step> steps = checked.steps();
        WatchingEngine engine = new WatchingEngine();
        Interpreter interpreter = new Interpreter(() -> engine, Registry.standard(),
                new Interpreter.Options(null, 1, Path.of("out")), new RunListener() {}, () -> false);
        interpreter.execute(steps);

        // training 0 is the dense one (W_orig after it); training 1 the fine-tuning after the first step
        List<float[]> orig = engine.afterTraining.get(0);
        List<float[]> pre = engine.beforeTraining.get(1);
        List<float[]> post = engine.afterTraining.get(1);
        int layers = orig.size();
        List<Integer> order = new ArrayList<>();
        double[] change = new double[layers];
        for (int l = 0; l < layers; l++) {
            change[l] = Math.abs(l1(post.get(l)) - l1(pre.get(l))) / l2(orig.get(l));
            order.add(l);
        }
        order.sort((a, b) -> Double.compare(change[a], change[b]));
        Set<Integer> expected = Set.copyOf(order.subList(0, (int) Math.ceil(0.3 * layers)));   // 2 of lenet5's 5
        assertEquals(2, expected.size());
        assertEquals(expected, Set.copyOf(interpreter.records().get(2).frozen()));
        assertEquals(List.of(), interpreter.records().get(1).frozen());
    }
}

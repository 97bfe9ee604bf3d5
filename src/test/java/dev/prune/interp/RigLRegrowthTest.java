package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.prune.builtins.Registry;
import dev.prune.check.Step;
import dev.prune.front.FrontEnd;
import dev.prune.pruning.Erk;
import dev.prune.pruning.RigL;
import dev.prune.source.SourceFile;
import dev.prune.testing.WatchingEngine;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * RigL inside retraining, recomputed from what the engine saw: random masks from the run's seed,
 * then at each step point every selected layer drops and regrows the share the cosine gives at that
 * point of the policy's span (counted from its 'from'), on a stretch of the training data of its own.
 */
class RigLRegrowthTest {
    private static final String RECIPE = """
            seed 3
            model mlp(784, 20, 10)
            data shapes(train=600, test=100)
            lr 0.1
            prune rigl(erk=false) to 80% every 5 iterations from 10 iterations until 80 iterations
            retrain 10 iterations
            run 8 cycles
            """;

    @Test
    void eachUpdateDropsAndRegrowsTheCosinesShareOfEveryLayerOnItsOwnStretchOfData() {
        List<Step> steps = FrontEnd.standard().check(new SourceFile("r.prune", RECIPE)).requireSteps();
        WatchingEngine engine = new WatchingEngine();
        Interpreter interpreter = new Interpreter(() -> engine, Registry.standard(),
                new Interpreter.Options(null, 1, Path.of("unused")), RunListener.all(List.of()), () -> false);
        interpreter.execute(steps);

        // the starting masks: 80% of each layer, drawn from the run's seed
        SplittableRandom random = new SplittableRandom(3 * 1_000_003L + 4_241L);
        List<float[]> mask = List.of(Erk.randomMask(784 * 20, 0.8, random), Erk.randomMask(20 * 10, 0.8, random));
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(mask.get(l), engine.masks.get(0).get(l), "starting mask of layer " + l);
        }

        // step points 15, 20, ..., 75 (at 80 the cosine is 0): 13 updates of a batch of 60 from 600 examples
        List<String> starts = engine.log.stream().filter(s -> s.startsWith("gradients")).toList();
        assertEquals(13, starts.size(), starts.toString());
        for (int u = 0; u < 13; u++) {
            assertEquals("gradients from=" + (u * 60 % 541) + " count=60 temperature=1.0", starts.get(u));
        }
        assertEquals(1 + 13, engine.masks.size(), "the start and one mask per update");
        RigL rigl = new RigL(0.3, false);
        for (int u = 0; u < 13; u++) {
            long clock = 15 + 5L * u;
            double fraction = rigl.dropFraction(clock - 10, 80 - 10);
            List<float[]> next = engine.masks.get(u + 1);
            for (int l = 0; l < 2; l++) {
                float[] expected = RigL.update(engine.weightsAtGradients.get(u).get(l), engine.gradients.get(u).get(l),
                        mask.get(l), fraction);
                assertArrayEquals(expected, next.get(l), "update " + u + " (iteration " + clock + "), layer " + l);
            }
            if (u == 0) {
                assertFalse(Arrays.equals(mask.get(0), next.get(0)), "the first update changes the hidden layer");
                assertFalse(Arrays.equals(mask.get(1), next.get(1)), "and the output layer");
            }
            mask = next;
        }
    }
}

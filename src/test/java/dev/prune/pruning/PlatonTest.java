package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** PLATON prunes by the engine's Ī · Ū, whatever the weights' magnitudes say. */
class PlatonTest {

    @Test
    void prunesTheLowestScoresNotTheSmallestWeights() {
        NetworkSpec net = NetworkSpec.sequential("t", 1, 1, 4, List.of(LayerSpec.output("out", 4, 1)));
        FixedProbe probe = new FixedProbe();
        // Ī · Ū of the hand calculation in ImportanceTest: (.1275 * .04675, .4275 * .119, .2025 * .05525, 0)
        probe.importance = List.of(new float[] {0.005960625f, 0.0508725f, 0.011188125f, 0f});
        ScoreInputs in = new ScoreInputs(net, List.of(new float[] {1f, -2f, 0.5f, 3f}),
                List.of(new float[] {1f, 1f, 1f, 1f}), 0, probe);
        Platon platon = new Platon(0.85, 0.95);
        assertEquals(Set.of(Need.TRAINING), platon.needs());
        // Half the weights go: the two lowest scores, the largest weight (3) among them.
        List<float[]> masks = platon.prune(in, new boolean[] {true}, 0.5, false);
        assertArrayEquals(new float[] {0f, 1f, 1f, 0f}, masks.get(0));
    }
}

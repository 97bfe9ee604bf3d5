package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.CompactResult;
import dev.prune.engine.NetworkSpec;
import dev.prune.pruning.Compaction;
import dev.prune.pruning.UnitPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The physically smaller network computes what the masked one computes, to 1e-5, after biases
 * have moved away from zero, for dense units and for filters across the conv-to-dense flatten.
 */
@Tag("slow")
class CompactTest {

    @Test
    void mlpWithNeuronsRemovedGivesTheSameOutputs(@TempDir Path dir) throws Exception {
        NetworkSpec net = Fixtures.mlp(784, 64, 32, 10);
        Path file = dir.resolve("small.zip");
        CompactResult r = pruneTrainAndCompact(net, new boolean[]{true, true, false}, 0.5, file, 1);
        assertTrue(r.maxDifference() <= 1e-5, "difference " + r.maxDifference());
        assertEquals(200, r.examples());
        assertTrue(r.maskedSeconds() > 0 && r.compactSeconds() > 0);
        ComputationGraph loaded = ComputationGraph.load(file.toFile(), false);
        assertEquals(784L * 32 + 32 + 32 * 16 + 16 + 16 * 10 + 10, loaded.numParams());
    }

    @Test
    void lenet5WithFiltersAndNeuronsRemovedGivesTheSameOutputs() {
        NetworkSpec net = Fixtures.lenet5();
        CompactResult r = pruneTrainAndCompact(net, new boolean[]{true, true, true, true, false}, 0.5, null, 2);
        assertTrue(r.maxDifference() <= 1e-5, "difference " + r.maxDifference());
    }

    private static CompactResult pruneTrainAndCompact(NetworkSpec net, boolean[] layers, double rate, Path file,
                                                      long seed) {
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), 50, seed)) {
            // Train first so that biases are no longer zero: a removed unit's bias must not matter.
            engine.train(Fixtures.constant(10, 1, 0.05), null);
            List<float[]> masks = UnitPlanner.prune(net, randomScores(net, seed), Fixtures.randomMasks(net, 1.0, 0),
                    layers, rate, false);
            engine.applyMasks(masks);
            engine.train(Fixtures.constant(10, 2, 0.05), null);
            List<int[]> keep = Compaction.keep(net, masks);
            for (int l = 0; l < layers.length; l++) {
                if (layers[l]) {
                    assertEquals(net.layers().get(l).nOut() / 2, keep.get(l).length, "layer " + l);
                }
            }
            NetworkSpec small = Compaction.smaller(net, keep);
            List<float[]> weights = engine.weights();
            List<float[]> sliced = new ArrayList<>();
            for (int l = 0; l < weights.size(); l++) {
                sliced.add(Compaction.slice(net, keep, l, weights.get(l)));
            }
            CompactResult r = engine.compact(small, keep, sliced, file);
            if (file != null) {
                assertTrue(Files.exists(file));
            }
            return r;
        }
    }

    private static List<float[]> randomScores(NetworkSpec net, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> out = new ArrayList<>();
        net.layers().forEach(l -> {
            float[] s = new float[l.nOut()];
            for (int u = 0; u < s.length; u++) {
                s[u] = (float) random.nextDouble();
            }
            out.add(s);
        });
        return out;
    }
}

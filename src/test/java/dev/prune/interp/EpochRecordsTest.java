package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.builtins.Registry;
import dev.prune.check.Step;
import dev.prune.engine.EpochStats;
import dev.prune.engine.NetworkSpec;
import dev.prune.front.FrontEnd;
import dev.prune.source.SourceFile;
import dev.prune.testing.FakeEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The numbers each epoch's row of {@code epochs.csv} gets, on the fake engine: 200 examples in
 * batches of 50 are 4 iterations an epoch, so the epoch of dense training ends at iteration 4
 * (epoch 1, run-wide) and the epoch of retraining in cycle 1 at iteration 8 (epoch 2). Every
 * epoch is also passed on as it ends, with its own 4 iterations.
 */
class EpochRecordsTest {

    @Test
    void eachEpochRowCountsIterationsAndEpochsRunWide() {
        String recipe = """
                model mlp(784, 16, 10)
                data shapes(train=200, test=50, batch=50)
                lr 0.1
                train 1 epoch
                prune l1 by 20% every cycle
                retrain 1 epoch
                run 1 cycle
                """;
        List<Step> steps = FrontEnd.standard().check(new SourceFile("e.prune", recipe)).requireSteps();
        List<EpochRecord> rows = new ArrayList<>();
        List<String> epochs = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void epoch(String phase, EpochStats stats) {
                epochs.add(phase + " " + stats.iterations());
            }

            @Override
            public void epochEnded(EpochRecord record, NetworkSpec network) {
                rows.add(record);
            }
        };
        Interpreter interpreter = new Interpreter(() -> new FakeEngine(new ArrayList<>()), Registry.standard(),
                new Interpreter.Options(null, 1, Path.of("unused")), listener, () -> false);
        interpreter.execute(steps);
        assertEquals(2, rows.size(), rows.toString());
        assertEquals(List.of(4L, 8L), rows.stream().map(EpochRecord::iteration).toList());
        assertEquals(List.of(1.0, 2.0), rows.stream().map(EpochRecord::epochs).toList());
        assertEquals(List.of(1, 1), rows.stream().map(EpochRecord::phaseEpoch).toList());
        assertEquals(List.of(0, 1), rows.stream().map(EpochRecord::cycle).toList());
        assertEquals(List.of(4, 4), rows.stream().map(EpochRecord::iterations).toList());
        // each row carries the masks of its phase, layer by layer: none in dense training, cycle 1's after it
        assertEquals(List.of("train", "cycle 1"), rows.stream().map(EpochRecord::phase).toList());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 0}, rows.get(0).layerSparsity());
        double[] pruned = interpreter.records().get(1).layerSparsity();
        assertEquals(0.2, pruned[1], 1e-12, "16 x 10 weights, 32 pruned");
        org.junit.jupiter.api.Assertions.assertArrayEquals(pruned, rows.get(1).layerSparsity());
        assertEquals(interpreter.records().get(1).sparsity(), rows.get(1).sparsity());
        assertEquals(2, epochs.size());
        assertEquals(List.of(4, 4), epochs.stream().map(e -> Integer.parseInt(e.substring(e.lastIndexOf(' ') + 1)))
                .toList());
    }
}

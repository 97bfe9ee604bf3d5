package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.data.DataSplit;
import dev.prune.data.Shapes;
import dev.prune.engine.EvalResult;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Split;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class TrainingTest {

    @Test
    void lenet300100LearnsShapesInOneEpoch() {
        DataSplit data = Shapes.generate(6000, 1000, 0, 28, 1);
        NetworkSpec net = Fixtures.mlp(784, 300, 100, 10);
        try (Dl4jEngine engine = new Dl4jEngine()) {
            engine.build(net, Fixtures.sgd(), data, 60, 1, 1);
            EvalResult before = engine.evaluate(Split.TEST);
            TrainResult result = engine.train(Fixtures.constant(100, 1, 0.1), TrainObserver.NONE);
            EvalResult after = engine.evaluate(Split.TEST);
            System.out.printf("LeNet-300-100 on shapes, 6000 rows, batch 60: test accuracy %.3f -> %.3f, "
                    + "loss %.3f, epoch %.2f s (%s)%n", before.accuracy(), after.accuracy(), after.loss(),
                    result.epochs().get(0).seconds(), engine.describe());
            assertTrue(result.completed());
            assertEquals(1, result.epochs().size());
            assertEquals(100, result.epochs().get(0).iterations());
            // Plain SGD without momentum learns Shapes slower than the Adam / momentum recipes it is tuned
            // for: about 0.58 after this one epoch, five times chance.
            assertTrue(after.accuracy() > 0.5, "accuracy " + after.accuracy());
            assertTrue(after.loss() < before.loss());
            assertEquals(1000, after.examples());
            EvalResult validation = engine.evaluate(Split.VALIDATION);
            assertTrue(Double.isNaN(validation.accuracy()) && Double.isNaN(validation.loss()));
            assertEquals(0, validation.examples());
        }
    }

    @Test
    void divergingLossStopsWithASentence() {
        try (Dl4jEngine engine = Fixtures.engine(Fixtures.smallMlp(), Fixtures.sgd(), 50, 1)) {
            TrainResult result = engine.train(Fixtures.constant(50, 1, 1e6), TrainObserver.NONE);
            assertFalse(result.completed());
            assertTrue(result.iterations() < 50, "stopped after " + result.iterations());
            assertTrue(result.failure().matches("loss became (NaN|infinite) at iteration \\d+ of epoch 1; "
                    + "lower the learning rate \\(it was 1000000.0\\) or check the data"), result.failure());
            assertEquals(result.iterations(), result.epochs().get(0).iterations());
        }
    }

    @Test
    void cancellingStopsBeforeTheNextIteration() {
        try (Dl4jEngine engine = Fixtures.engine(Fixtures.smallMlp(), Fixtures.sgd(), 50, 1)) {
            TrainResult result = engine.train(Fixtures.constant(30, 1, 0.1), new TrainObserver() {
                int seen;

                @Override
                public void iteration(int iteration, double loss, double lr) {
                    seen++;
                }

                @Override
                public boolean cancelled() {
                    return seen == 15;
                }
            });
            assertFalse(result.completed());
            assertEquals(15, result.iterations());
            assertEquals("training was cancelled after 15 of 30 iterations", result.failure());
            // 12 batches of 50 make epoch 0; the partial epoch 1 is reported too.
            assertEquals(2, result.epochs().size());
            assertEquals(3, result.epochs().get(1).iterations());
        }
    }
}

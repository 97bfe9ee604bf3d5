package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.data.Dataset;
import dev.prune.data.LabelSmoothing;
import dev.prune.data.Shuffle;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Penalty;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ToST on DL4J: ghost connections fade to exactly zero, kept weights rescale exactly, smoothed targets train. */
@Tag("slow")
class TostEngineTest {

    /** Pruned weights of every layer that are not zero, after each iteration of a request. */
    private static List<Integer> prunedAlive(Dl4jEngine engine, List<float[]> masks, TrainRequest request) {
        List<Integer> alive = new ArrayList<>();
        TrainRequest watched = new TrainRequest(request.iterations(), request.dataSeed(), request.lr(), i -> {
            int n = 0;
            List<float[]> w = engine.weights();
            for (int l = 0; l < w.size(); l++) {
                for (int k = 0; k < w.get(l).length; k++) {
                    if (masks.get(l)[k] == 0f && w.get(l)[k] != 0f) {
                        n++;
                    }
                }
            }
            alive.add(n);
            return request.hook().after(i);
        }, request.penalty());
        engine.train(watched, TrainObserver.NONE);
        return alive;
    }

    /** 8 iterations with a ghost share of 50%: G = 4, the pruned weights live after steps 1-3 and are 0 from step 4. */
    @Test
    void ghostConnectionsTrainEarlyAndAreExactlyZeroFromTheEndOfTheirPhase() {
        NetworkSpec net = Fixtures.smallMlp();
        List<float[]> masks = Fixtures.randomMasks(net, 0.2, 3);
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), 64, 7)) {
            engine.applyMasks(masks);
            List<Integer> alive = prunedAlive(engine, masks,
                    new TrainRequest(8, 1, i -> 0.05, null, new Penalty(0, 0.5, false, 0)));
            assertTrue(alive.get(0) > 1000 && alive.get(1) > 1000 && alive.get(2) > 1000, alive.toString());
            assertEquals(List.of(0, 0, 0, 0, 0), alive.subList(3, 8), alive.toString());

            List<Integer> plain = prunedAlive(engine, masks, new TrainRequest(4, 2, i -> 0.05));
            assertEquals(List.of(0, 0, 0, 0), plain, "no ghost without the penalty");

            // Stopped inside its ghost phase (after step 1 of G = 5): the ghosts are gone when the request ends.
            prunedAlive(engine, masks, new TrainRequest(10, 3, i -> 0.05, i -> i < 0, new Penalty(0, 0.5, false, 0)));
            List<float[]> w = engine.weights();
            for (int l = 0; l < w.size(); l++) {
                for (int k = 0; k < w.get(l).length; k++) {
                    if (masks.get(l)[k] == 0f) {
                        assertEquals(0f, w.get(l)[k], "layer " + l + " weight " + k);
                    }
                }
            }
        }
    }

    /** Factors that are powers of two multiply floats exactly; biases are left alone. */
    @Test
    void scalingMultipliesEachLayersWeightsByItsFactor() {
        NetworkSpec net = Fixtures.smallMlp();
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.sgd(), 64, 7)) {
            List<float[]> before = engine.weights();
            INDArray bias = engine.network().getParam("fc1_b").dup();
            engine.scaleWeights(new double[] {2, 0.5, 1});
            List<float[]> after = engine.weights();
            double[] f = {2, 0.5, 1};
            for (int l = 0; l < 3; l++) {
                float[] expected = before.get(l).clone();
                for (int k = 0; k < expected.length; k++) {
                    expected[k] *= (float) f[l];
                }
                assertArrayEquals(expected, after.get(l), "layer " + l);
            }
            assertEquals(bias, engine.network().getParam("fc1_b"));
        }
    }

    /**
     * DL4J's loss of the first mini-batch, with lr 0, is the mean over its examples of the
     * cross-entropy against the smoothed targets of {@link LabelSmoothing}, computed here from the
     * network's own probabilities; once the penalty is not in force, the one-hot one.
     */
    @Test
    void smoothedTargetsGiveTheSmoothedCrossEntropy() {
        NetworkSpec net = Fixtures.smallMlp();
        int batch = 16;
        long dataSeed = 5;
        Dataset train = Fixtures.SMALL.train();
        int[] order = Shuffle.permutation(train.count(), dataSeed);
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.sgd(), batch, 7)) {
            float[] rows = new float[batch * train.inputSize()];
            for (int i = 0; i < batch; i++) {
                System.arraycopy(train.features(), order[i] * train.inputSize(), rows, i * train.inputSize(),
                        train.inputSize());
            }
            INDArray p = engine.network().outputSingle(Nd4j.create(rows, new long[] {batch, train.inputSize()}, 'c'));
            double smoothed = 0;
            double oneHot = 0;
            for (int i = 0; i < batch; i++) {
                double[] probabilities = p.getRow(i).toDoubleVector();
                smoothed += LabelSmoothing.loss(probabilities, train.labels()[order[i]], 0.1) / batch;
                oneHot += LabelSmoothing.loss(probabilities, train.labels()[order[i]], 0) / batch;
            }
            double[] seen = new double[2];
            engine.train(new TrainRequest(1, dataSeed, i -> 0.0, null, new Penalty(0, 0, false, 0.1)),
                    observer(seen, 0));
            engine.train(new TrainRequest(1, dataSeed, i -> 0.0), observer(seen, 1));
            assertEquals(smoothed, seen[0], 1e-5);
            assertEquals(oneHot, seen[1], 1e-5, "the one-hot targets are back once the penalty is not in force");
            assertTrue(Math.abs(smoothed - oneHot) > 1e-3, smoothed + " against " + oneHot + ": the targets differ");
        }
    }

    private static TrainObserver observer(double[] seen, int at) {
        return new TrainObserver() {
            @Override
            public void iteration(int iteration, double loss, double lr) {
                seen[at] = loss;
            }
        };
    }
}

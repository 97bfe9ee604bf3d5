package dev.prune.dl4j;

import dev.prune.engine.EngineException;
import dev.prune.engine.EpochStats;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainRequest;
import dev.prune.engine.TrainResult;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The mini-batch loop of one train request. Iteration i (0-based within the request) belongs to
 * epoch {@code i / batchesPerEpoch} of the request; epoch k visits the training examples in the
 * order {@code Shuffle.permutation(n, dataSeed + k)}, in batches of {@code batchSize} with a
 * smaller last batch. Epoch numbers in {@link EpochStats} count from 0 within the request. After
 * each iteration (and its epoch's statistics, at an epoch's end) the request's hook runs; when it
 * returns false the request ends there and counts as completed.
 */
final class TrainLoop {
    private final ComputationGraph net;
    private final DrivenSchedule schedule;
    private final SplitArrays train;
    private final int batchSize;
    /** Prune's own step where {@link DenseStep#of} allowed it, else null for DL4J's {@code fit}. */
    private final DenseStep step;

    TrainLoop(ComputationGraph net, DrivenSchedule schedule, SplitArrays train, int batchSize, DenseStep step) {
        this.net = net;
        this.schedule = schedule;
        this.train = train;
        this.batchSize = batchSize;
        this.step = step;
    }

    TrainResult run(TrainRequest request, TrainObserver observer) {
        int n = train.count();
        int perEpoch = (n + batchSize - 1) / batchSize;
        List<EpochStats> epochs = new ArrayList<>();
        long start = System.nanoTime();
        long epochStart = start;
        double lossSum = 0;
        int inEpoch = 0;
        double lr = Double.NaN;
        String failure = null;
        int done = 0;
        for (int i = 0; i < request.iterations(); i++) {
            int epoch = i / perEpoch;
            int batch = i % perEpoch;
            if (observer.cancelled()) {
                failure = "training was cancelled after " + i + " of " + request.iterations() + " iterations";
                break;
            }
            if (batch == 0) {
                train.shuffle(request.dataSeed() + epoch);
                epochStart = System.nanoTime();
                lossSum = 0;
                inEpoch = 0;
            }
            lr = request.lr().applyAsDouble(i);
            if (!(lr >= 0) || Double.isInfinite(lr)) {
                throw new EngineException("the learning rate for iteration " + i + " is " + lr
                        + "; it must be a finite number >= 0");
            }
            schedule.set(lr);
            double loss = step(train.batchFeatures(batch, batchSize), train.batchLabels(batch, batchSize));
            done++;
            inEpoch++;
            lossSum += loss;
            observer.iteration(i, loss, lr);
            if (!Double.isFinite(loss)) {
                failure = "loss became " + (Double.isNaN(loss) ? "NaN" : "infinite") + " at iteration "
                        + (batch + 1) + " of epoch " + (epoch + 1) + "; lower the learning rate (it was " + lr
                        + ") or check the data";
                break;
            }
            if (batch == perEpoch - 1) {
                epochs.add(stats(epochs.size(), lossSum, inEpoch, lr, epochStart, observer));
                inEpoch = 0;
            }
            if (!request.hook().after(i)) {
                break;
            }
        }
        if (inEpoch > 0) {
            epochs.add(stats(epochs.size(), lossSum, inEpoch, lr, epochStart, observer));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainResult(done, List.copyOf(epochs), seconds, failure == null, failure);
    }

    private double step(INDArray features, INDArray labels) {
        if (step != null) {
            return step.fit(features, labels);
        }
        net.fit(new INDArray[] {features}, new INDArray[] {labels});
        return net.score();
    }

    private static EpochStats stats(int epoch, double lossSum, int iterations, double lr, long start,
                                    TrainObserver observer) {
        EpochStats s = new EpochStats(epoch, lossSum / iterations, lr, (System.nanoTime() - start) / 1e9, iterations);
        observer.epoch(s);
        return s;
    }
}

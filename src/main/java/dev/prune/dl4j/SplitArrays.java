package dev.prune.dl4j;

import dev.prune.data.Dataset;
import dev.prune.data.Shuffle;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One split held as ND4J matrices: features [n, inputSize] and one-hot labels [n, classes], both
 * float and 'c' ordered, built once. For training, each epoch's order is written into a second
 * pair of matrices allocated once, so that a mini-batch is a row-range view and the training loop
 * allocates no feature data per iteration.
 */
final class SplitArrays {
    private final int count;
    private final INDArray features;
    private final INDArray labels;
    private final int[] labelIndex;
    private INDArray shuffledFeatures;
    private INDArray shuffledLabels;

    SplitArrays(Dataset data) {
        count = data.count();
        labelIndex = data.labels();
        if (count == 0) {
            features = null;
            labels = null;
            return;
        }
        features = Nd4j.create(data.features(), new long[] {count, data.inputSize()}, 'c');
        float[] oneHot = new float[Math.multiplyExact(count, data.classes())];
        int[] y = data.labels();
        for (int i = 0; i < count; i++) {
            oneHot[i * data.classes() + y[i]] = 1f;
        }
        labels = Nd4j.create(oneHot, new long[] {count, data.classes()}, 'c');
    }

    int count() {
        return count;
    }

    /** The class of example {@code row} in the original order. */
    int label(int row) {
        return labelIndex[row];
    }

    /** Rows [from, to) in the original order, as views. */
    INDArray features(int from, int to) {
        return features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /** Reorders the examples by {@code Shuffle.permutation(n, seed)} into the epoch buffers. */
    void shuffle(long seed) {
        if (shuffledFeatures == null) {
            shuffledFeatures = Nd4j.create(DataType.FLOAT, features.shape(), 'c');
            shuffledLabels = Nd4j.create(DataType.FLOAT, labels.shape(), 'c');
        }
        int[] order = Shuffle.permutation(count, seed);
        Nd4j.pullRows(features, shuffledFeatures, 1, order);
        Nd4j.pullRows(labels, shuffledLabels, 1, order);
    }

    /** Rows [from, to) of the current epoch order, as views. */
    INDArray shuffledFeatures(int from, int to) {
        return shuffledFeatures.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    INDArray shuffledLabels(int from, int to) {
        return shuffledLabels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}

package dev.prune.dl4j;

import dev.prune.data.Augmentation;
import dev.prune.data.Dataset;
import dev.prune.data.LabelSmoothing;
import dev.prune.data.Shuffle;
import java.nio.FloatBuffer;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One split held as ND4J matrices: features [n, inputSize] and one-hot labels [n, classes], both
 * float and 'c' ordered, built once. For training, each epoch's order is written into a second
 * pair of matrices allocated once, and the mini-batches are row-range views of those, made once:
 * the training loop allocates nothing per iteration (building a view through ND4J's indexing
 * costs 20-30 us, which adds up over thousands of iterations).
 */
final class SplitArrays {
    private final int count;
    private final INDArray features;
    private final INDArray labels;
    private final int[] labelIndex;
    private final int[] imageShape;
    private Augmentation augmentation;
    /** The targets training reads: the one-hot labels, or their copy smoothed by {@code smoothing}. */
    private INDArray targets;
    private double smoothing;
    private INDArray shuffledFeatures;
    private INDArray shuffledLabels;
    private int viewBatchSize;
    private INDArray[] featureBatches;
    private INDArray[] labelBatches;

    SplitArrays(Dataset data) {
        count = data.count();
        labelIndex = data.labels();
        imageShape = new int[] {data.channels(), data.height(), data.width()};
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
        targets = labels;
    }

    /**
     * Makes {@link #shuffle} give label-smoothed targets ({@link LabelSmoothing}), 0 for one-hot: a
     * training split's, never the others', which score against one-hot labels. The smoothed copy is
     * made once per α.
     */
    SplitArrays smoothed(double alpha) {
        if (alpha == smoothing || count == 0) {
            return this;
        }
        if (targets != labels && targets.closeable()) {
            targets.close();
        }
        smoothing = alpha;
        if (alpha == 0) {
            targets = labels;
            return this;
        }
        int classes = (int) labels.columns();
        float[] smooth = new float[Math.multiplyExact(count, classes)];
        for (int i = 0; i < count; i++) {
            System.arraycopy(LabelSmoothing.targets(labelIndex[i], classes, alpha), 0, smooth, i * classes, classes);
        }
        targets = Nd4j.create(smooth, new long[] {count, classes}, 'c');
        return this;
    }

    /**
     * Frees the native memory of the matrices now instead of when the collector finds them
     * unreachable: the heap holds only small wrappers, so that can take many engines' worth of
     * off-heap data (an engine is built per variant of a sweep and per benchmark epoch).
     */
    void close() {
        for (INDArray a : new INDArray[] {features, labels, targets == labels ? null : targets, shuffledFeatures,
                shuffledLabels}) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
        featureBatches = null;
        labelBatches = null;
        viewBatchSize = 0;
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

    /** One-hot labels of rows [from, to) in the original order, as views. */
    INDArray labels(int from, int to) {
        return labels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /** Makes {@link #shuffle} augment each epoch's examples too (a training split's, never the others'). */
    SplitArrays augmented(Optional<Augmentation> augment) {
        augmentation = augment.filter(a -> !a.none()).orElse(null);
        return this;
    }

    /**
     * Reorders the examples by {@code Shuffle.permutation(n, seed)} into the epoch buffers, and
     * augments them when asked: the epoch's seed is the augmentation's key, so an epoch's images
     * are a function of the run's seed, the epoch and the example, like its order.
     */
    void shuffle(long seed) {
        if (shuffledFeatures == null) {
            shuffledFeatures = Nd4j.create(DataType.FLOAT, features.shape(), 'c');
            shuffledLabels = Nd4j.create(DataType.FLOAT, labels.shape(), 'c');
        }
        int[] order = Shuffle.permutation(count, seed);
        if (augmentation == null) {
            copyRows(features, shuffledFeatures, order);
        } else {
            augmentRows(order, seed);
        }
        copyRows(targets, shuffledLabels, order);
    }

    /** As copyRows for the features, with each row passed through the augmentation on the way. */
    private void augmentRows(int[] order, long key) {
        int width = (int) features.columns();
        FloatBuffer source = features.data().asNioFloat();
        FloatBuffer target = shuffledFeatures.data().asNioFloat();
        float[] in = new float[width];
        float[] out = new float[width];
        for (int i = 0; i < order.length; i++) {
            source.get(order[i] * width, in);
            augmentation.apply(in, out, imageShape[0], imageShape[1], imageShape[2], key, order[i]);
            target.put(i * width, out);
        }
    }

    /**
     * Row i of {@code to} becomes row order[i] of {@code from}: one bulk copy per row between the
     * native buffers. ND4J's pullRows does the same through a tensor-along-dimension per row and
     * took about 10% of a LeNet-300-100 epoch; this takes about a fifth of that.
     */
    private static void copyRows(INDArray from, INDArray to, int[] order) {
        int width = (int) from.columns();
        FloatBuffer source = from.data().asNioFloat();
        FloatBuffer target = to.data().asNioFloat();
        for (int i = 0; i < order.length; i++) {
            target.put(i * width, source, order[i] * width, width);
        }
    }

    /** Mini-batch {@code b} of the current epoch order: rows [b * batchSize, min(n, (b + 1) * batchSize)). */
    INDArray batchFeatures(int b, int batchSize) {
        views(batchSize);
        return featureBatches[b];
    }

    INDArray batchLabels(int b, int batchSize) {
        views(batchSize);
        return labelBatches[b];
    }

    private void views(int batchSize) {
        if (batchSize == viewBatchSize) {
            return;
        }
        int batches = (count + batchSize - 1) / batchSize;
        featureBatches = new INDArray[batches];
        labelBatches = new INDArray[batches];
        for (int b = 0; b < batches; b++) {
            int from = b * batchSize;
            int to = Math.min(count, from + batchSize);
            featureBatches[b] = shuffledFeatures.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            labelBatches[b] = shuffledLabels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        }
        viewBatchSize = batchSize;
    }
}

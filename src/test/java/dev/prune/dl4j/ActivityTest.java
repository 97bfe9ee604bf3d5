package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The one-pass statistics give what ND4J's reductions give: |a| sums and zero counts per unit. */
class ActivityTest {

    @Test
    void filtersSumOverExamplesAndPositions() {
        INDArray act = relu(Nd4j.rand(DataType.FLOAT, 5, 3, 4, 4).subi(0.5));
        check(act, new int[] {0, 2, 3});
    }

    @Test
    void neuronsSumOverExamplesAndViewsAreRead() {
        INDArray all = relu(Nd4j.rand(DataType.FLOAT, 8, 6).subi(0.5));
        check(all, new int[] {0});
        // A column slice is a strided view: it is copied before it is read.
        check(all.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4)), new int[] {0});
    }

    private static INDArray relu(INDArray x) {
        return Transforms.relu(x, false);
    }

    private static void check(INDArray act, int[] dims) {
        int units = (int) act.size(1);
        double[] abs = new double[units];
        double[] zeros = new double[units];
        Activity.accumulate(act, abs, zeros);
        assertArrayEquals(Transforms.abs(act, true).castTo(DataType.DOUBLE).sum(dims).toDoubleVector(), abs, 1e-5);
        assertArrayEquals(act.eq(0.0).castTo(DataType.DOUBLE).sum(dims).toDoubleVector(), zeros, 0);
    }
}

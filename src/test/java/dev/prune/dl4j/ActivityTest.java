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

    /**
     * The engine's pass over 600 examples (two chunks) of a LeNet-5 equals one straightforward
     * forward pass over all of them, reduced by ND4J in double: the chunking, the pooling layers
     * and the in-place loop change nothing.
     */
    @Test
    void lenet5StatisticsEqualOneForwardPassReducedByNd4j() {
        dev.prune.engine.NetworkSpec spec = Fixtures.lenet5();
        try (Dl4jEngine engine = Fixtures.engine(spec, Fixtures.sgd(), 50, 11)) {
            int n = Fixtures.SMALL.train().count();
            dev.prune.engine.UnitActivity a = engine.unitActivity(0);
            SplitArrays data = new SplitArrays(Fixtures.SMALL.train());
            java.util.Map<String, INDArray> acts = engine.network().feedForward(data.features(0, n), false);
            for (int l = 0; l < spec.layers().size(); l++) {
                INDArray act = acts.get(spec.topology().activated(l));
                int[] dims = act.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
                double positions = (double) act.length() / act.size(1);
                double[] mean = Transforms.abs(act, true).castTo(DataType.DOUBLE).sum(dims).divi(positions)
                        .toDoubleVector();
                double[] zeros = act.eq(0.0).castTo(DataType.DOUBLE).sum(dims).divi(positions).toDoubleVector();
                double dead = 0;
                for (int u = 0; u < mean.length; u++) {
                    org.junit.jupiter.api.Assertions.assertEquals(mean[u], a.meanAbs().get(l)[u], 1e-6 * mean[u] + 1e-9,
                            "layer " + l + " unit " + u);
                    org.junit.jupiter.api.Assertions.assertEquals((float) zeros[u], a.zeroShare().get(l)[u],
                            "layer " + l + " unit " + u);
                    dead += zeros[u];
                }
                if (l < 4) {
                    org.junit.jupiter.api.Assertions.assertTrue(dead > 0, "ReLU layer " + l + " has zeros to count");
                }
            }
            org.junit.jupiter.api.Assertions.assertEquals(n, a.examples());
        }
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

package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.data.DataSplit;
import dev.prune.data.Dataset;
import dev.prune.data.Shapes;
import dev.prune.engine.EngineException;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Node;
import dev.prune.engine.TrainObserver;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Sup-tickets' engine half: averaging checkpoints, and batch norm statistics from the training data. */
class SuperposeEngineTest {
    private static final NetworkSpec NET = new NetworkSpec("tiny", 1, 28, 28, List.of(
            Node.conv("conv1", NetworkSpec.INPUT, 4, 3, 2, 1, false, "identity"),
            Node.batchNorm("bn1", "conv1"),
            Node.activation("relu1", "bn1", "relu"),
            Node.conv("conv2", "relu1", 4, 3, 1, 1, false, "identity"),
            Node.batchNorm("bn2", "conv2"),
            Node.add("add", List.of("bn2", "relu1")),
            Node.activation("relu2", "add", "relu"),
            Node.globalAvgPool("pool", "relu2"),
            Node.output("fc", "pool", 10)));
    /** Ten batches of 32. */
    private static final DataSplit DATA = Shapes.generate(320, 20, 0, 28, 3);

    private static float[] params(Dl4jEngine engine) {
        return engine.network().params().dup().data().asFloat();
    }

    @Test
    void averagingSetsEveryParameterToTheMeanOfTheCheckpoints() {
        try (Dl4jEngine engine = Fixtures.engine(NET, Fixtures.nesterov(), DATA, 32, 5)) {
            engine.checkpoint("a");
            float[] a = params(engine);
            engine.train(Fixtures.constant(3, 1, 0.1), TrainObserver.NONE);
            engine.checkpoint("b");
            float[] b = params(engine);
            engine.train(Fixtures.constant(2, 2, 0.1), TrainObserver.NONE);
            engine.average(List.of("a", "b"));
            float[] mean = params(engine);
            int moved = 0;
            for (int i = 0; i < mean.length; i++) {
                assertEquals((a[i] + b[i]) / 2, mean[i], 1e-6, "parameter " + i);
                moved += a[i] != b[i] ? 1 : 0;
            }
            // Weights, biases, gamma, beta and the running statistics all trained.
            assertTrue(moved > mean.length / 2, moved + " of " + mean.length);
            assertThrows(EngineException.class, () -> engine.average(List.of("a", "nope")));
        }
    }

    @Test
    void theFirstNormGetsTheMeanOverBatchesOfItsInputsBatchStatistics() {
        try (Dl4jEngine engine = Fixtures.engine(NET, Fixtures.nesterov(), DATA, 32, 5)) {
            engine.train(Fixtures.constant(4, 1, 0.1), TrainObserver.NONE);
            engine.recomputeNormStatistics();
            // conv1 reads the input directly, so its output does not depend on any batch norm.
            Dataset train = DATA.train();
            INDArray features = Nd4j.create(train.features(), new long[] {train.count(), train.inputSize()}, 'c');
            INDArray x = engine.network().feedForward(features, false).get("conv1");
            INDArray mean = Nd4j.zeros(4);
            INDArray var = Nd4j.zeros(4);
            for (int at = 0; at < train.count(); at += 32) {
                INDArray batch = x.get(NDArrayIndex.interval(at, at + 32), NDArrayIndex.all(), NDArrayIndex.all(),
                        NDArrayIndex.all());
                mean.addi(batch.mean(0, 2, 3));
                var.addi(batch.var(false, 0, 2, 3));
            }
            mean.divi(10);
            var.divi(10);
            Layer bn = engine.network().getLayer("bn1");
            float[] gotMean = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).dup().data().asFloat();
            float[] gotVar = storedVariance(bn);
            for (int c = 0; c < 4; c++) {
                assertEquals(mean.getDouble(c), gotMean[c], 1e-5 * Math.max(1, Math.abs(mean.getDouble(c))));
                assertEquals(var.getDouble(c), gotVar[c], 1e-4 * Math.max(1, var.getDouble(c)));
            }
        }
    }

    /** The running variance as stored: directly, or as DL4J's log10 of the standard deviation (with eps). */
    private static float[] storedVariance(Layer bn) {
        if (bn.paramTable().containsKey(BatchNormalizationParamInitializer.GLOBAL_VAR)) {
            return bn.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).dup().data().asFloat();
        }
        float[] logStd = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).dup().data().asFloat();
        double eps = ((org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer()).getEps();
        float[] out = new float[logStd.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (Math.pow(10, 2 * logStd[i]) - eps);
        }
        return out;
    }
}

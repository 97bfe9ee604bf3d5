package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.DataShape;
import dev.prune.builtins.GraphModels;
import dev.prune.data.DataSplit;
import dev.prune.data.Shapes;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.TrainObserver;
import java.util.Arrays;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Batch norm's native training pass against DL4J's own layer (its Java path, every other layer the
 * same). The variance is summed in another order, so the bits differ; how far they may differ is
 * set by what float arithmetic does to DL4J's own training when only the order of a batch's
 * examples changes (a step that is the same in exact arithmetic): on a ResNet-8 at batch 8 that
 * alone moves the weights by 1e-3 of the largest weight within 20 steps and by several percent
 * after 100, because a ReLU that flips sends the two trainings apart. So the step is held to 1e-5
 * relative over the first steps, and after 100 steps to no further from DL4J than DL4J is from
 * itself with the batches reversed.
 */
@Tag("slow")
class NativeNormTest {
    private static final DataSplit TINY = Shapes.generate(160, 20, 0, 12, 1);
    private static final int BATCH = 8;

    static Stream<Arguments> cases() {
        NetworkSpec resnet8 = GraphModels.resnet(new DataShape(1, 12, 12, 10), 8, false);
        NetworkSpec resnet20 = GraphModels.resnet(new DataShape(1, 12, 12, 10), 20, false);
        return Stream.of(
                Arguments.of("resnet8, sgd", resnet8, Fixtures.sgd(), 0.05, 20),
                Arguments.of("resnet8, nesterov", resnet8, Fixtures.nesterov(), 0.05, 20),
                Arguments.of("resnet8, adam", resnet8, Fixtures.adam(), 0.001, 20),
                Arguments.of("resnet20, sgd", resnet20, Fixtures.sgd(), 0.05, 1),
                Arguments.of("resnet20, nesterov with weight decay", resnet20, OptimizerSpec.sgd(0.9, 5e-4), 0.05, 1),
                Arguments.of("resnet20, adam", resnet20, Fixtures.adam(), 0.001, 1));
    }

    /**
     * Losses step by step within 1e-5 relative and weights within 1e-5 of the largest weight, for
     * as many steps as float allows: 20 on ResNet-8, 1 on ResNet-20. Where float alone moves the
     * weights further, they may be up to twice as far as DL4J's own training on the same batches
     * with their examples reversed. On ResNet-20, whose last stage normalises 8 examples of 3x3
     * positions, two trainings that differ only in rounding are after two steps either within 1e-6
     * or 1e-4 to 1e-3 apart, whichever pair it is: reordering alone moved DL4J's weights by 1e-4
     * (Adam, one step) and 8e-4 (Nesterov, two steps), the native pass by 4e-4 (Nesterov with
     * weight decay, two steps) where reordering moved them by 3e-7.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tracksDl4jsLayerWithinRounding(String name, NetworkSpec spec, OptimizerSpec optimizer, double lr,
                                        int steps) {
        ComputationGraph dl4j = network(spec, optimizer, lr, false);
        ComputationGraph reversed = network(spec, optimizer, lr, false);
        ComputationGraph own = network(spec, optimizer, lr, true);
        Batches batches = new Batches(TINY, false);
        Batches backwards = new Batches(TINY, true);
        for (int i = 0; i < steps; i++) {
            batches.fit(dl4j, i);
            backwards.fit(reversed, i);
            batches.fit(own, i);
            assertEquals(dl4j.score(), own.score(), 1e-5 * Math.abs(dl4j.score()), name + ": loss at step " + i);
        }
        double floatAlone = distance(dl4j, reversed);
        assertTrue(distance(dl4j, own) < Math.max(1e-5, 2 * floatAlone), name + ": weights " + distance(dl4j, own)
                + ", DL4J with the batches reversed " + floatAlone);
    }

    /**
     * After 100 steps the two trainings have parted as float trainings do: no further apart than
     * DL4J's own layer trained on the same batches with their examples in reverse order.
     */
    @Test
    void afterHundredStepsNoFurtherFromDl4jThanDl4jFromItself() {
        NetworkSpec spec = GraphModels.resnet(new DataShape(1, 12, 12, 10), 8, false);
        ComputationGraph dl4j = network(spec, Fixtures.sgd(), 0.05, false);
        ComputationGraph reversed = network(spec, Fixtures.sgd(), 0.05, false);
        ComputationGraph own = network(spec, Fixtures.sgd(), 0.05, true);
        Batches batches = new Batches(TINY, false);
        Batches backwards = new Batches(TINY, true);
        for (int i = 0; i < 100; i++) {
            batches.fit(dl4j, i);
            backwards.fit(reversed, i);
            batches.fit(own, i);
        }
        double own100 = distance(dl4j, own);
        double float100 = distance(dl4j, reversed);
        assertTrue(float100 > 0, "reversing the batches changes DL4J's bits");
        assertTrue(own100 <= float100, "native " + own100 + ", DL4J reversed " + float100);
        assertTrue(Math.abs(dl4j.score() - own.score()) < 0.05 * dl4j.score(), "losses " + dl4j.score() + " "
                + own.score());
    }

    @Test
    void sameSeedGivesTheSameBits() {
        NetworkSpec spec = GraphModels.resnet(new DataShape(1, 12, 12, 10), 8, false);
        float[][] params = new float[2][];
        double[] losses = new double[2];
        for (int r = 0; r < 2; r++) {
            try (Dl4jEngine engine = Fixtures.engine(spec, Fixtures.nesterov(), TINY, BATCH, 7)) {
                assertTrue(Arrays.stream(engine.network().getLayers()).anyMatch(NativeNorm::attached));
                var result = engine.train(Fixtures.constant(15, 1, 0.05), TrainObserver.NONE);
                losses[r] = result.epochs().get(result.epochs().size() - 1).meanLoss();
                params[r] = engine.network().params().dup().data().asFloat();
            }
        }
        assertEquals(losses[0], losses[1], 0.0);
        assertArrayEquals(params[0], params[1]);
    }

    /**
     * The running statistics are DL4J's own update from the batch statistics the helper hands
     * back, in both of DL4J's forms (variance, and log10 of the standard deviation) and with a
     * decay other than the default; a dense layer's batch norm goes through the helper as
     * [batch, channels, 1, 1]. Inference reads them on DL4J's path.
     */
    @ParameterizedTest(name = "log std {0}")
    @ValueSource(booleans = {true, false})
    void runningStatisticsAndInferenceMatchDl4j(boolean logStd) {
        ComputationGraph dl4j = handBuilt(logStd, false);
        ComputationGraph own = handBuilt(logStd, true);
        Batches batches = new Batches(TINY, false);
        for (int i = 0; i < 15; i++) {
            batches.fit(dl4j, i);
            batches.fit(own, i);
        }
        String stat = logStd ? "log10stdev" : "var";
        for (String bn : new String[] {"bn", "bn2"}) {
            for (String p : new String[] {"mean", stat, "gamma", "beta"}) {
                INDArray a = dl4j.getLayer(bn).getParam(p);
                INDArray b = own.getLayer(bn).getParam(p);
                assertTrue(relative(a, b) < 1e-5, bn + " " + p + ": " + relative(a, b));
            }
            assertTrue(own.getLayer(bn).getParam("mean").amaxNumber().doubleValue() > 0, "the running mean moved");
        }
        INDArray x = new SplitArrays(TINY.test()).features(0, 20);
        INDArray a = dl4j.outputSingle(false, x);
        INDArray b = own.outputSingle(false, x);
        assertTrue(relative(a, b) < 1e-5, "inference " + relative(a, b));
        // With the same parameters, inference is DL4J's to the bit.
        own.params().assign(dl4j.params());
        assertArrayEquals(dl4j.outputSingle(false, x).data().asFloat(), own.outputSingle(false, x).data().asFloat());
    }

    @Test
    void onlyTheCpuBatchNormsGetTheHelper() {
        ComputationGraph net = network(GraphModels.resnet(new DataShape(1, 12, 12, 10), 8, false), Fixtures.sgd(), 0.05,
                true);
        long norms = Arrays.stream(net.getLayers()).filter(NativeNorm::attached).count();
        assertEquals(Arrays.stream(net.getLayers())
                .filter(l -> l instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization).count(), norms);
        assertTrue(norms > 0);
        NativeNorm.detach(net);
        assertFalse(Arrays.stream(net.getLayers()).anyMatch(NativeNorm::attached));
    }

    private static ComputationGraph network(NetworkSpec spec, OptimizerSpec optimizer, double lr, boolean own) {
        ComputationGraph net = Fixtures.network(spec, optimizer, lr, 5);
        NativeConv.install(net);
        if (!own) {
            NativeNorm.detach(net);
        }
        return net;
    }

    private static ComputationGraph handBuilt(boolean logStd, boolean own) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU).updater(new Sgd(0.05)).graphBuilder()
                .addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().useLogStd(logStd).decay(0.8).build(), "conv")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn")
                .addLayer("pool", new SubsamplingLayer.Builder(2, 2).stride(2, 2).build(), "relu")
                .addLayer("fc", new DenseLayer.Builder().nOut(16).activation(Activation.IDENTITY).build(), "pool")
                .addLayer("bn2", new BatchNormalization.Builder().useLogStd(logStd).decay(0.8).build(), "fc")
                .addLayer("relu2", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "relu2")
                .setOutputs("out")
                .setInputTypes(InputType.convolutionalFlat(12, 12, 1))
                .build();
        Nd4j.getRandom().setSeed(11);
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        NativeConv.install(net);
        if (!own) {
            NativeNorm.detach(net);
        }
        return net;
    }

    /** The batches of a fixed shuffle, optionally with each batch's examples in reverse order. */
    private static final class Batches {
        private final SplitArrays data;
        private final boolean reversed;
        private final int count;

        Batches(DataSplit split, boolean reversed) {
            this.data = new SplitArrays(split.train());
            this.data.shuffle(3);
            this.reversed = reversed;
            this.count = split.train().count() / BATCH;
        }

        void fit(ComputationGraph net, int step) {
            INDArray x = data.batchFeatures(step % count, BATCH);
            INDArray y = data.batchLabels(step % count, BATCH);
            if (reversed) {
                x = backwards(x);
                y = backwards(y);
            }
            net.fit(new INDArray[] {x}, new INDArray[] {y});
        }

        private static INDArray backwards(INDArray a) {
            INDArray r = a.dup();
            long n = a.size(0);
            for (long i = 0; i < n; i++) {
                r.getRow(i).assign(a.getRow(n - 1 - i));
            }
            return r;
        }
    }

    /** The largest difference between the two networks' parameters over the largest parameter. */
    private static double distance(ComputationGraph a, ComputationGraph b) {
        return relative(a.params(), b.params());
    }

    private static double relative(INDArray a, INDArray b) {
        return Fixtures.relativeDistance(a, b);
    }
}

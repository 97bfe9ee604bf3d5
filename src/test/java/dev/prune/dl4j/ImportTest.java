package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.data.Dataset;
import dev.prune.engine.EvalResult;
import dev.prune.engine.ModelFile;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.NodeKind;
import dev.prune.engine.Split;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Networks saved by a user's own DL4J code load into the engine's graph with their weights: the
 * engine's evaluation gives exactly the predictions the user's network gives, and they train with
 * masks.
 */
@org.junit.jupiter.api.Tag("slow")
class ImportTest {
    @TempDir
    Path dir;

    private interface Net {
        INDArray output(INDArray input);
    }

    private static void sameAsTheUsersNetwork(Path file, Net users) throws Exception {
        NetworkSpec spec = ModelFile.read(file).network(1, 28, 28);
        try (Dl4jEngine engine = Fixtures.engine(spec, Fixtures.nesterov(), 50, 3)) {
            List<float[]> masks = engine.load(file);
            assertTrue(masks.isEmpty(), "a file the user wrote holds no masks");
            Dataset test = Fixtures.SMALL.test();
            INDArray x = Nd4j.create(test.features(), new long[] {test.count(), test.inputSize()}, 'c');
            INDArray predicted = users.output(x).argMax(1);
            int correct = 0;
            for (int i = 0; i < test.count(); i++) {
                correct += predicted.getInt(i) == test.label(i) ? 1 : 0;
            }
            EvalResult eval = engine.evaluate(Split.TEST);
            assertEquals((double) correct / test.count(), eval.accuracy(), 1e-12,
                    "the engine's network is the user's network with its weights");

            engine.train(Fixtures.constant(2, 1, 0.05), TrainObserver.NONE);
            engine.rewind("init");
            assertEquals(eval.loss(), engine.evaluate(Split.TEST).loss(), 1e-9, "the file's weights are the init checkpoint");

            List<float[]> half = Fixtures.randomMasks(spec, 0.5, 4);
            engine.applyMasks(half);
            TrainResult result = engine.train(Fixtures.constant(4, 1, 0.05), TrainObserver.NONE);
            assertTrue(result.completed(), result.failure());
            List<float[]> weights = engine.weights();
            for (int l = 0; l < half.size(); l++) {
                for (int i = 0; i < half.get(l).length; i++) {
                    if (half.get(l)[i] == 0f) {
                        assertEquals(0f, weights.get(l)[i], spec.layers().get(l).name() + " weight " + i);
                    }
                }
            }
        }
    }

    @Test
    void aMultiLayerNetworkLoadsWithItsWeightsAndTrains() throws Exception {
        Path file = dir.resolve("mln.zip");
        var mln = OwnModels.layerList(file);
        // weights the builder did not draw: what is loaded must be the file's
        mln.params().assign(Nd4j.rand(mln.params().dataType(), mln.params().shape()).subi(0.5));
        org.deeplearning4j.util.ModelSerializer.writeModel(mln, file.toFile(), true);
        NetworkSpec spec = ModelFile.read(file).network(1, 28, 28);
        assertEquals(List.of("layer0", "layer1", "layer2", "layer3", "layer4", "layer5"),
                spec.nodes().stream().map(n -> n.name()).toList());
        sameAsTheUsersNetwork(file, x -> mln.output(x, false));
    }

    /**
     * Layers Prune cannot prune run as the user saved them: the predictions are the user's before
     * any pruning, masks cover the other layers only, and after training with masks the kept
     * layers' parameters are still exactly the file's, even after a reinitialisation.
     */
    @Test
    void keptLayersRunAsSavedAndAreNeverMaskedOrTrained() throws Exception {
        Path file = dir.resolve("kept.zip");
        var mln = OwnModels.withKeptLayers(file);
        mln.params().assign(Nd4j.rand(mln.params().dataType(), mln.params().shape()).subi(0.5));
        org.deeplearning4j.util.ModelSerializer.writeModel(mln, file.toFile(), true);
        NetworkSpec spec = ModelFile.read(file).network(1, 28, 28);
        assertEquals(List.of("layer1", "layer2", "layer4"), spec.kept().stream().map(n -> n.name()).toList());
        assertEquals(List.of("layer0", "layer5", "layer6"), spec.layers().stream().map(l -> l.name()).toList());
        sameAsTheUsersNetwork(file, x -> mln.output(x, false));
        try (Dl4jEngine engine = Fixtures.engine(spec, Fixtures.nesterov(), 50, 3)) {
            engine.load(file);
            engine.applyMasks(Fixtures.randomMasks(spec, 0.5, 4));
            assertTrue(engine.train(Fixtures.constant(4, 1, 0.05), TrainObserver.NONE).completed());
            engine.reinitialize(9);
            assertTrue(engine.train(Fixtures.constant(2, 1, 0.05), TrainObserver.NONE).completed());
            for (String kept : List.of("layer1", "layer2", "layer4")) {
                var saved = mln.getLayer(Integer.parseInt(kept.substring(5))).paramTable();
                var now = engine.network().getLayer(kept).paramTable();
                assertEquals(saved.keySet(), now.keySet(), kept);
                saved.forEach((key, value) -> assertEquals(value, now.get(key), kept + " " + key + " as saved"));
            }
            assertTrue(!mln.getLayer(0).getParam("W").equals(engine.network().getLayer("layer0").getParam("W")),
                    "the prunable conv trained");
        }
    }

    @Test
    void aComputationGraphWithBatchNormAndAResidualAddLoadsAndTrains() throws Exception {
        Path file = dir.resolve("cg.zip");
        var cg = OwnModels.residual(file);
        cg.params().assign(Nd4j.rand(cg.params().dataType(), cg.params().shape()).subi(0.5));
        // running statistics other than the initial ones, as after training
        cg.getParam("stem_bn_mean").assign(Nd4j.rand(cg.getParam("stem_bn_mean").dataType(), 1, 4));
        org.deeplearning4j.util.ModelSerializer.writeModel(cg, file.toFile(), false);
        NetworkSpec spec = ModelFile.read(file).network(1, 28, 28);
        assertEquals(NodeKind.ADD, spec.node("block_add").orElseThrow().kind());
        assertEquals(List.of("block_conv", "stem_relu"), spec.node("block_add").orElseThrow().inputs());
        assertEquals(List.of("stem", "block_conv", "dense", "out"),
                spec.layers().stream().map(l -> l.name()).toList());
        sameAsTheUsersNetwork(file, x -> cg.outputSingle(false, x));
    }
}

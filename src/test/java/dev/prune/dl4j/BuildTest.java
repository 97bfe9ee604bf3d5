package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.EngineException;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildTest {

    @Test
    void describesBackendAndThreads() {
        try (Dl4jEngine engine = Fixtures.engine(Fixtures.smallMlp(), Fixtures.sgd(), 50, 1)) {
            String d = engine.describe();
            assertTrue(d.matches("DL4J 1\\.0\\.0-M2\\.1, ND4J native CPU \\(OpenBLAS[^)]*\\), 1 thread"), d);
        }
    }

    @Test
    void sameSeedGivesSameInitialWeights() {
        try (Dl4jEngine a = Fixtures.engine(Fixtures.lenet5(), Fixtures.adam(), 50, 77);
             Dl4jEngine b = Fixtures.engine(Fixtures.lenet5(), Fixtures.adam(), 50, 77)) {
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(a.weights().get(i), b.weights().get(i));
            }
        }
    }

    @Test
    void wrongShapesFailWithASentenceNamingTheLayer() {
        assertEquals("layer 'out' expects 50 inputs but receives 100", specError(() -> NetworkSpec.sequential(
                "m", 1, 28, 28, List.of(LayerSpec.dense("fc1", 784, 100, "relu"), LayerSpec.output("out", 50, 10)))));
        assertEquals("layer 'out' expects 100 inputs but receives 576", specError(() -> NetworkSpec.sequential(
                "m", 1, 28, 28, List.of(LayerSpec.conv("c1", 1, 4, 5, 0, 2, 28, "relu"),
                        LayerSpec.output("out", 100, 10)))));
        assertEquals("network 'm' must end with an output layer", specError(() -> NetworkSpec.sequential(
                "m", 1, 28, 28, List.of(LayerSpec.dense("fc1", 784, 10, "relu")))));
        NetworkSpec badActivation = NetworkSpec.sequential("m", 1, 28, 28, List.of(
                LayerSpec.dense("fc1", 784, 10, "gelu"), LayerSpec.output("out", 10, 10)));
        assertEquals("layer 'fc1' has activation 'gelu', expected relu, tanh, sigmoid or identity",
                message(badActivation));
        NetworkSpec wrongInput = NetworkSpec.sequential("m", 1, 20, 20, List.of(LayerSpec.output("out", 400, 10)));
        assertEquals("network 'm' takes 400 inputs and 10 classes but the data has 784 and 10", message(wrongInput));
    }

    private static String specError(org.junit.jupiter.api.function.Executable make) {
        return assertThrows(EngineException.class, make).getMessage();
    }

    private static String message(NetworkSpec spec) {
        try (Dl4jEngine engine = new Dl4jEngine()) {
            return assertThrows(EngineException.class,
                    () -> engine.build(spec, Fixtures.sgd(), Fixtures.SMALL, 50, 1, 1)).getMessage();
        }
    }

    @Test
    void savedFileLoadsBackWithItsMasks(@TempDir Path dir) throws Exception {
        NetworkSpec net = Fixtures.smallMlp();
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), 50, 1)) {
            List<float[]> masks = Fixtures.randomMasks(net, 0.5, 1);
            engine.applyMasks(masks);
            Path file = dir.resolve("runs/model.zip");
            engine.save(file);
            ComputationGraph loaded = ModelSerializer.restoreComputationGraph(file.toFile(), true);
            assertEquals(engine.network().params(), loaded.params());
            List<float[]> savedMasks = ModelSerializer.getObjectFromFile(file.toFile(), Dl4jEngine.MASKS_ENTRY);
            assertEquals(3, savedMasks.size());
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(masks.get(i), savedMasks.get(i));
            }

            Path blocked = dir.resolve("file");
            Files.writeString(blocked, "x");
            EngineException e = assertThrows(EngineException.class, () -> engine.save(blocked.resolve("model.zip")));
            assertTrue(e.getMessage().startsWith("could not save the network to " + blocked.resolve("model.zip")),
                    e.getMessage());
        }
    }

    @Test
    void usingTheEngineBeforeBuildIsAnError() {
        try (Dl4jEngine engine = new Dl4jEngine()) {
            assertEquals("no network has been built yet",
                    assertThrows(EngineException.class, engine::weights).getMessage());
        }
    }
}

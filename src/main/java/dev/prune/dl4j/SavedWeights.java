package dev.prune.dl4j;

import dev.prune.engine.EngineException;
import dev.prune.engine.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Copies the parameters of a DL4J model file into the graph the engine built for it, layer by
 * layer and by name: the graph's vertices carry the names of the file's layers (a layer list's
 * unnamed layers are {@code layer0}, {@code layer1}, ... as DL4J names them), so a file Prune wrote
 * and one the user's own code wrote, a {@code MultiLayerNetwork} or a {@code ComputationGraph},
 * load the same way. Copying by name rather than as one flat vector means a file whose layers
 * hold their parameters in another order, or a batch norm that keeps its variance instead of
 * log10 of its standard deviation, still loads right.
 */
final class SavedWeights {
    private SavedWeights() {}

    static void copy(Path file, ComputationGraph into) {
        Map<String, Map<String, INDArray>> source = read(file);
        for (Layer target : into.getLayers()) {
            String name = target.conf().getLayer().getLayerName();
            Map<String, INDArray> params = target.paramTable();
            if (params.isEmpty()) {
                continue;
            }
            Map<String, INDArray> from = source.get(name);
            if (from == null) {
                throw new EngineException(file + " has no layer '" + name + "' to load");
            }
            for (Map.Entry<String, INDArray> p : params.entrySet()) {
                INDArray value = value(file, name, p.getKey(), from);
                if (!java.util.Arrays.equals(value.shape(), p.getValue().shape())) {
                    throw new EngineException(file + ": parameter " + p.getKey() + " of layer '" + name + "' has shape "
                            + java.util.Arrays.toString(value.shape()) + ", but the network built for it needs "
                            + java.util.Arrays.toString(p.getValue().shape()));
                }
                into.getParam(name + "_" + p.getKey()).assign(value.castTo(DataType.FLOAT));
            }
        }
    }

    private static INDArray value(Path file, String layer, String key, Map<String, INDArray> from) {
        INDArray v = from.get(key);
        if (v == null && key.equals("log10stdev") && from.containsKey("var")) {
            // DL4J's running statistics in the other form: log10(sqrt(var + eps)), eps 1e-5 as built.
            return Transforms.log(Transforms.sqrt(from.get("var").add(1e-5), true), 10, false);
        }
        if (v == null) {
            throw new EngineException(file + ": layer '" + layer + "' has no parameter " + key + " to load");
        }
        return v;
    }

    /** The file's parameters by layer name, each layer's by its own key (W, b, gamma, ...). */
    private static Map<String, Map<String, INDArray>> read(Path file) {
        try {
            boolean list = ModelFile.read(file).layerList();
            Layer[] layers = list ? ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false).getLayers()
                    : ModelSerializer.restoreComputationGraph(file.toFile(), false).getLayers();
            Map<String, Map<String, INDArray>> byName = new LinkedHashMap<>();
            for (Layer l : layers) {
                byName.put(l.conf().getLayer().getLayerName(), l.paramTable());
            }
            return byName;
        } catch (ModelFile.Unreadable e) {
            throw new EngineException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof EngineException known) {
                throw known;
            }
            throw new EngineException("could not load the network from " + file + ": " + e.getMessage(), e);
        }
    }
}

package dev.prune.dl4j;

import dev.prune.engine.EngineException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The full training state of a {@link Dl4jEngine} in one file: DL4J's model zip with the updater
 * state (momentum, Adam moments) and the configuration's iteration and epoch counts (Adam's bias
 * correction reads the iteration count), plus masks, frozen layers, named checkpoints and, while
 * they are kept, PLATON's gradient averages as extra entries. Restoring copies into the network the engine built rather than adopting the loaded one:
 * the engine's learning-rate schedule is one shared instance that a loaded configuration would
 * split into one copy per layer.
 */
final class EngineState {
    static final String FROZEN_ENTRY = "prune-frozen";
    static final String CHECKPOINTS_ENTRY = "prune-checkpoints";
    /** PLATON's averages, present only when the engine kept them. */
    static final String IMPORTANCE_ENTRY = "prune-importance";

    /** {@code importance} is null when the state has no PLATON averages. */
    record Loaded(List<float[]> masks, Set<Integer> frozen, Map<String, INDArray> checkpoints,
                  ImportanceListener.Saved importance) {}

    private EngineState() {
    }

    static void save(ComputationGraph net, List<float[]> masks, Set<Integer> frozen,
                     Map<String, INDArray> checkpoints, ImportanceListener.Saved importance, Path file) {
        LinkedHashMap<String, float[]> named = new LinkedHashMap<>();
        checkpoints.forEach((name, params) -> named.put(name, params.toFloatVector()));
        try {
            ModelSerializer.writeModel(net, file.toFile(), true);
            ModelSerializer.addObjectToFile(file.toFile(), Dl4jEngine.MASKS_ENTRY, new ArrayList<>(masks));
            ModelSerializer.addObjectToFile(file.toFile(), FROZEN_ENTRY, new ArrayList<>(frozen));
            ModelSerializer.addObjectToFile(file.toFile(), CHECKPOINTS_ENTRY, named);
            if (importance != null) {
                ModelSerializer.addObjectToFile(file.toFile(), IMPORTANCE_ENTRY, importance);
            }
        } catch (IOException | RuntimeException e) {
            throw new EngineException("could not write the training state to " + file + ": " + e.getMessage(), e);
        }
    }

    static Loaded restore(ComputationGraph net, Path file) {
        ComputationGraph saved;
        List<float[]> masks;
        List<Integer> frozen;
        Map<String, float[]> named;
        ImportanceListener.Saved importance;
        try {
            saved = ModelSerializer.restoreComputationGraph(file.toFile(), true);
            masks = ModelSerializer.getObjectFromFile(file.toFile(), Dl4jEngine.MASKS_ENTRY);
            frozen = ModelSerializer.getObjectFromFile(file.toFile(), FROZEN_ENTRY);
            named = ModelSerializer.getObjectFromFile(file.toFile(), CHECKPOINTS_ENTRY);
            importance = Dl4jEngine.hasEntry(file, IMPORTANCE_ENTRY)
                    ? ModelSerializer.getObjectFromFile(file.toFile(), IMPORTANCE_ENTRY) : null;
        } catch (IOException | RuntimeException e) {
            throw new EngineException("could not read the training state in " + file + ": " + e.getMessage(), e);
        }
        if (saved.numParams() != net.numParams()) {
            throw new EngineException("the training state in " + file + " has " + saved.numParams()
                    + " parameters but the network has " + net.numParams() + "; it belongs to another model");
        }
        net.params().assign(saved.params());
        INDArray savedUpdater = saved.getUpdater().getStateViewArray();
        if (savedUpdater != null) {
            net.getUpdater().getStateViewArray().assign(savedUpdater);
        }
        net.getConfiguration().setIterationCount(saved.getConfiguration().getIterationCount());
        net.getConfiguration().setEpochCount(saved.getConfiguration().getEpochCount());
        Map<String, INDArray> checkpoints = new LinkedHashMap<>();
        named.forEach((name, params) -> checkpoints.put(name, Nd4j.createFromArray(params)
                .reshape(net.params().shape()).castTo(net.params().dataType())));
        return new Loaded(masks, new TreeSet<>(frozen), checkpoints, importance);
    }
}

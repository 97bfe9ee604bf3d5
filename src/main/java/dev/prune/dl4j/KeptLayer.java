package dev.prune.dl4j;

import dev.prune.engine.EngineException;
import dev.prune.engine.Node;
import java.io.IOException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * The DL4J layer of a kept node, read back from the configuration JSON the model file held, with
 * DL4J's own mapper, so that everything the user configured (activation, dilation, LRN's
 * constants, ...) is what runs.
 */
final class KeptLayer {
    private KeptLayer() {}

    static Layer read(Node n) {
        try {
            Layer layer = NeuralNetConfiguration.mapper().readValue(n.layer(), Layer.class);
            layer.setLayerName(n.name());
            return layer;
        } catch (IOException | RuntimeException e) {
            throw new EngineException("layer '" + n.name() + "' (a " + n.keptType() + ") cannot be rebuilt from its "
                    + "saved configuration: " + e.getMessage(), e);
        }
    }
}

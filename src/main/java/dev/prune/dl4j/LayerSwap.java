package dev.prune.dl4j;

import java.util.function.Function;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.BaseLayer;

/**
 * Puts layer objects of our own in place of DL4J's in a graph that was just initialized. The
 * configuration stays DL4J's, so saved models are plain DL4J files; only the objects that compute
 * change. It must happen before the network's updater exists, which keeps references to the
 * layers. A graph holds each layer twice, in its vertex and in its layer array: both are replaced.
 */
final class LayerSwap {
    private LayerSwap() {
    }

    /** Replaces each layer for which {@code replacement} (given its vertex) returns another layer; null keeps it. */
    static void replace(ComputationGraph net, Function<LayerVertex, Layer> replacement) {
        Layer[] layers = net.getLayers();
        for (GraphVertex vertex : net.getVertices()) {
            if (!(vertex instanceof LayerVertex lv)) {
                continue;
            }
            Layer original = lv.getLayer();
            Layer other = replacement.apply(lv);
            if (other == null) {
                continue;
            }
            lv.setLayer(other);
            for (int i = 0; i < layers.length; i++) {
                if (layers[i] == original) {
                    layers[i] = other;
                }
            }
        }
    }

    /** Gives the replacement the state DL4J set up in the original: parameters, gradients, listeners, index. */
    static void adopt(BaseLayer<?> replacement, Layer original) {
        replacement.setListeners(original.getListeners());
        replacement.setIndex(original.getIndex());
        replacement.setParamsViewArray(original.params());
        replacement.setParamTable(original.paramTable());
        replacement.setConf(original.conf());
        if (original.getGradientsViewArray() != null) {
            replacement.setBackpropGradientsViewArray(original.getGradientsViewArray());
        }
    }
}

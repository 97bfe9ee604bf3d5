package dev.prune.dl4j;

import java.util.function.BiFunction;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Puts layer objects of our own in place of DL4J's in a network that was just initialized. The
 * configuration stays DL4J's, so saved models are plain DL4J files; only the objects that compute
 * change. It must happen before the network's updater exists, which keeps references to the layers.
 */
final class LayerSwap {
    private LayerSwap() {
    }

    /**
     * Replaces each layer for which {@code replacement} (given its index and the layer) returns
     * another layer; null keeps it.
     */
    static void replace(MultiLayerNetwork net, BiFunction<Integer, Layer, Layer> replacement) {
        Layer[] layers = net.getLayers().clone();
        boolean changed = false;
        for (int i = 0; i < layers.length; i++) {
            Layer other = replacement.apply(i, layers[i]);
            if (other != null) {
                layers[i] = other;
                changed = true;
            }
        }
        if (changed) {
            net.setLayers(layers);
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

package dev.prune.engine;

import java.util.List;
import java.util.Optional;

/**
 * A network as the core sees it: input shape and the layers with weights, in order. Known
 * without building anything, so selectors are checked before any training starts.
 */
public record NetworkSpec(String name, int channels, int height, int width, List<LayerSpec> layers) {

    public int inputSize() {
        return channels * height * width;
    }

    public int classes() {
        return layers.get(layers.size() - 1).nOut();
    }

    public Optional<Integer> indexOf(String layerName) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(layerName)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    public long weightCount() {
        return layers.stream().mapToLong(LayerSpec::weightCount).sum();
    }
}

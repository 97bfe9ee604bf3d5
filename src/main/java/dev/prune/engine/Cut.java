package dev.prune.engine;

import java.util.List;
import java.util.Map;

/**
 * What {@code compact} keeps of a network, decided in the core ({@code pruning.Compaction}) and
 * carried out by the engine on every parameter: the smaller network, and for each node the kept
 * indices, increasing and counted in the network {@code before}. These are Torch-Pruning's slicing
 * rules ({@code pruner/function.py}): a conv keeps filters (W's first axis, its bias) and input
 * channels (W's second axis); a depthwise conv keeps the same channels on both sides; a dense layer
 * keeps output units and the input positions of the kept channels; a batch norm keeps γ, β, running
 * mean and variance of its kept channels.
 *
 * @param before the network that was pruned
 * @param after  the smaller network
 * @param units  per weight layer, its kept units (output channels)
 * @param inputs per weight layer, its kept input channels (conv), kept input positions (dense and
 *               output: a channel after a flatten is a block of positions), or its kept units
 *               (depthwise: one input channel per filter)
 * @param norms  per batch norm node, its kept channels
 */
public record Cut(NetworkSpec before, NetworkSpec after, List<int[]> units, List<int[]> inputs,
                  Map<String, int[]> norms) {
    public Cut {
        units = List.copyOf(units);
        inputs = List.copyOf(inputs);
        norms = Map.copyOf(norms);
    }

    /** True when the smaller network has the shape of the one before: nothing to leave out. */
    public boolean keepsAll() {
        return before.equals(after);
    }
}

package dev.prune.engine;

import java.util.Locale;

/** What a node of the network graph computes. */
public enum NodeKind {
    /** Fully connected layer; flattens a feature-map input channel by channel. Has weights. */
    DENSE,
    /** 2-D convolution (kernel, stride, zero padding, optional bias, groups). Has weights. */
    CONV,
    /** Batch normalisation over channels (or features): γ, β, running mean and variance, never pruned. */
    BATCH_NORM,
    /** An elementwise activation function. */
    ACTIVATION,
    /** Max pooling with a square window. */
    MAX_POOL,
    /** Average pooling with a square window. */
    AVG_POOL,
    /** Average over all positions of each channel: a vector of channels. */
    GLOBAL_AVG_POOL,
    /** Feature map to vector, channel by channel. */
    FLATTEN,
    /** Elementwise sum of its inputs (a residual join). */
    ADD,
    /**
     * He et al.'s option-A shortcut: subsamples with the stride and pads the channels with zeros up
     * to {@code units}; no parameters.
     */
    ZERO_PAD,
    /** Dropout with the node's rate during training, identity in evaluation. */
    DROPOUT,
    /** The final fully connected layer with softmax and cross-entropy loss. Has weights. */
    OUTPUT,
    /**
     * A layer of a user's model file that Prune cannot prune (a leaky-ReLU activation or dense layer, a
     * dilated conv, ...): the engine runs it from its saved DL4J configuration with its saved
     * parameters, frozen and in evaluation mode, and nothing selects, masks or scores it.
     */
    KEPT;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Nodes whose flat weights and masks cross the engine boundary. */
    public boolean weighted() {
        return this == DENSE || this == CONV || this == OUTPUT;
    }

    /**
     * Nodes that keep channels one to one, so that a unit (neuron or filter) of the weight layer
     * before them is still one unit after them.
     */
    public boolean passThrough() {
        return switch (this) {
            case BATCH_NORM, ACTIVATION, MAX_POOL, AVG_POOL, GLOBAL_AVG_POOL, FLATTEN, DROPOUT -> true;
            default -> false;
        };
    }
}

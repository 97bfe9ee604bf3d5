package dev.prune.engine;

/** The kinds of layer with weights that the core knows about. */
public enum LayerKind {
    /** Fully connected hidden layer; weights grouped by output neuron. */
    DENSE,
    /** 2-D convolution; weights grouped by output filter. */
    CONV,
    /** The final fully connected layer with softmax and cross-entropy loss. */
    OUTPUT;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.prune.engine;

import dev.prune.data.DataSplit;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the interpreter asks of a numeric backend. Weight tensors cross as flat float arrays in
 * the order of {@link LayerSpec} (grouped by output unit), one per layer with weights; biases
 * stay inside the engine. Masks hold 1 for a kept weight and 0 for a pruned one.
 */
public interface Engine extends AutoCloseable {

    /**
     * Builds and initializes the network from {@code seed}, pins the thread count, and keeps the
     * initial weights as checkpoint {@code "init"}. Replaces any network built before.
     */
    void build(NetworkSpec network, OptimizerSpec optimizer, DataSplit data, int batchSize, long seed,
               int threads);

    /** Trains with the masks and frozen layers in force; the optimizer state carries over between calls. */
    TrainResult train(TrainRequest request, TrainObserver observer);

    EvalResult evaluate(Split split);

    /** Copies of the current weights, one array per layer. */
    List<float[]> weights();

    /** Sets the pruning masks: pruned weights become exactly zero and stay zero through training. */
    void applyMasks(List<float[]> masks);

    /** Remembers the current weights and biases (not the masks) under a name. */
    void checkpoint(String name);

    /** Restores weights and biases of a checkpoint, then re-applies the masks in force. */
    void rewind(String name);

    /** These layers (indices into the network's layers) keep their parameters bit-for-bit during training. */
    void freeze(Set<Integer> layers);

    /**
     * The mean loss gradient the request describes, with respect to each layer's weights (biases
     * are not included), one flat array per layer. The network is left as it was.
     */
    List<float[]> lossGradients(GradientRequest request);

    /**
     * H v: the Hessian of the request's loss with respect to the weights (biases held fixed) times
     * {@code vector}, one flat array per layer, as exactly as the engine can compute it.
     */
    List<float[]> hessianVector(GradientRequest request, List<float[]> vector);

    /** Activation statistics of every unit over the first {@code examples} training examples (all when more). */
    UnitActivity unitActivity(int examples);

    /**
     * Builds {@code smaller}, a network that keeps of each layer only the units listed in
     * {@code keep} (increasing indices; their biases come along) with the given weights (flat
     * layout of the smaller layers); compares its outputs with the masked network's on the test
     * split and times both. Writes it to {@code file} unless that is null. Training goes on with
     * the masked network.
     */
    CompactResult compact(NetworkSpec smaller, List<int[]> keep, List<float[]> weights, Path file);

    /** Saves the network with its masks to a file DL4J can load back. */
    void save(Path file);

    /**
     * Loads the weights and masks of a file written by {@link #save} into the network built for the
     * same spec; they also become checkpoint {@code "init"}. Returns the masks.
     */
    List<float[]> load(Path file);

    /** Backend name and versions, for run records. */
    String describe();

    @Override
    void close();
}

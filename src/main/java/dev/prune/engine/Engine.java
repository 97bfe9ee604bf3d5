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

    /**
     * The whole state that training reads and changes: weights, biases, masks, frozen layers,
     * optimizer state (momentum, Adam's moments and step count) and named checkpoints. Training
     * after {@link #restore} of it is bit-for-bit the training that would have followed here; the
     * oracle and sweeps use this to try several continuations from one starting point.
     */
    Snapshot snapshot();

    /** Returns to a snapshot this engine took of its current network; the snapshot stays usable. */
    void restore(Snapshot snapshot);

    /** These layers (indices into the network's layers) keep their parameters bit-for-bit during training. */
    void freeze(Set<Integer> layers);

    /**
     * The mean loss gradient the request describes, with respect to each layer's weights (biases
     * are not included), one flat array per layer. Pruned weights get their gradient too (the
     * dense gradient), which is what growing connections back is decided on. The network is left
     * as it was.
     */
    List<float[]> lossGradients(GradientRequest request);

    /**
     * Draws new weights and biases as {@link #build} would with this seed, clears the optimizer
     * state (momentum, Adam moments and step count) as for a network never trained, and applies
     * the masks in force: the pruned network trained from scratch. Checkpoints are kept.
     */
    void reinitialize(long seed);

    /**
     * H v: the Hessian of the request's loss with respect to the weights (biases held fixed) times
     * {@code vector}, one flat array per layer, as exactly as the engine can compute it.
     */
    List<float[]> hessianVector(GradientRequest request, List<float[]> vector);

    /**
     * The scales γ of the batch norm right after each layer ({@link Norms#after}), a copy per
     * layer, null for a layer without one. Network slimming ranks channels by them.
     */
    List<float[]> normScales();

    /**
     * Starts PLATON's per-weight statistics afresh (Zhang et al., ICML 2022): from the next
     * training iteration on, each iteration's mini-batch gradient g updates, for every weight w,
     * I = |w g|, the smoothed importance Ī = β1 Ī + (1 − β1) I and its uncertainty
     * Ū = β2 Ū + (1 − β2) |I − Ī|, all starting at 0. They are kept until the network is rebuilt
     * or compacted, or this is called again. An engine that cannot see its training gradients
     * says so.
     */
    default void trackImportance(double beta1, double beta2) {
        throw new EngineException("this engine keeps no per-iteration gradient statistics");
    }

    /**
     * Ī · Ū per weight, one flat array per layer; throws when {@link #trackImportance} has not
     * been called since the network was built.
     */
    default List<float[]> importance() {
        throw new EngineException("this engine keeps no per-iteration gradient statistics");
    }

    /**
     * The masks in force, one flat array per layer (all ones for a layer without one), as training
     * under a penalty that learns them ({@link Penalty#learnsMasks}) has left them, or as it has
     * them so far when asked from inside that training.
     */
    default List<float[]> masks() {
        throw new EngineException("this engine does not learn masks");
    }

    /**
     * The last estimate of the Hessian's extreme eigenvalue (signed; the spectral radius is its
     * magnitude) made by the spectral-radius penalty ({@link Penalty.Spectral}), NaN before one.
     */
    default double spectralRadius() {
        return Double.NaN;
    }

    /**
     * Multiplies the weights (not the biases) of each weight layer by its factor, one per layer
     * in layer order: ToST's re-scaled initialisation of the kept weights ({@link Penalty#rescaleFactors}).
     * Pruned weights are zero and stay zero; named checkpoints are not changed.
     */
    default void scaleWeights(double[] factors) {
        throw new EngineException("this engine cannot scale its weights");
    }

    /**
     * Sets every parameter (weights, biases, batch norm parameters and statistics) to the mean of
     * the named checkpoints' (Sup-tickets' superposition). The masks are not applied to the
     * result: the caller sets the masks of the averaged network next.
     */
    default void average(List<String> checkpoints) {
        throw new EngineException("this engine cannot average checkpoints");
    }

    /**
     * Recomputes the running mean and variance of every batch norm from a pass over the training
     * data, one training-size batch at a time with batch statistics, each statistic the mean over
     * the batches; nothing else changes. A network without batch norm is left as it is.
     */
    default void recomputeNormStatistics() {
        throw new EngineException("this engine cannot recompute batch norm statistics");
    }

    /**
     * The post-activation outputs of every dense layer's units (where {@link #unitActivity} reads
     * them) on the training examples [from, from + count), one flat array per layer, example by
     * example ({@code e * units + u}); for a conv, its maps as the one weight layer that reads its
     * channels reads them (after batch norm, activation and pooling), {@code e * (channels *
     * positions) + c * positions + q}; null for the other layers and a conv that no one layer reads.
     * i-SpaSP's residuals are built from them.
     */
    default List<float[]> unitOutputs(int from, int count) {
        throw new EngineException("this engine gives no unit outputs");
    }

    /**
     * For each layer whose entry is not null: its weight matrix W (units x fan-in, the flat layout's
     * rows), W = U diag(sigma) V^T by singular value decomposition with sigma descending, becomes
     * U diag(f(sigma)) V^T, and the masks in force hold again. A layer with a batch norm right after
     * it is decomposed with the norm folded in: W_f = diag(s) W with s = gamma / sqrt(var + eps) on the
     * running variance, W_f's decomposition reshaped, and W' = diag(1/s) W_f' (rows of s = 0 kept), so
     * that the layer and its unchanged batch norm compute in inference mode what W_f' would
     * (LowRank.unfold in the pruning package). Returns each such layer's sigma before (of W_f
     * where folded), null for the others. LRPET's low-rank projection is an f that zeroes all but the
     * first r.
     */
    default List<double[]> reshapeSpectrum(List<java.util.function.UnaryOperator<double[]>> spectra) {
        throw new EngineException("this engine cannot decompose weight matrices");
    }

    /** Activation statistics of every unit over the first {@code examples} training examples (all when more). */
    UnitActivity unitActivity(int examples);

    /**
     * Replaces the network by the physically smaller one {@code cut} describes: every parameter
     * (weights, biases, batch norm's γ, β and running statistics), the optimizer state and the
     * named checkpoints sliced to the kept channels, the step counts carried over, and
     * {@code masks} (the masks in force, sliced by the core) applied. Before the swap it compares
     * the smaller network's outputs with the masked network's on the test split and times both.
     * Training, rewinds and saves then work on the smaller network, layer indices unchanged; it is
     * saved to {@code file} as {@link #save} would unless that is null.
     */
    CompactResult compact(Cut cut, List<float[]> masks, Path file);

    /** Saves the network with its masks to a file DL4J can load back. */
    void save(Path file);

    /**
     * Loads the weights and masks of a file written by {@link #save} into the network built for the
     * same spec; they also become checkpoint {@code "init"}. Returns the masks.
     */
    List<float[]> load(Path file);

    /** Backend name and versions, for run records. */
    String describe();

    /**
     * Writes everything later training depends on: parameters, optimizer state and step counts,
     * masks, frozen layers and named checkpoints. {@link #restoreState} on an engine built with
     * the same network, optimizer, data and threads then continues bit for bit.
     */
    void saveState(Path file);

    /** Loads a state written by {@link #saveState} into the network built last. */
    void restoreState(Path file);

    /** Versions and settings that can change the numbers, by name, for run manifests. */
    default java.util.Map<String, String> provenance() {
        return java.util.Map.of("engine", describe());
    }

    @Override
    void close();
}

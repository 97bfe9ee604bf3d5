package dev.prune.pruning;

import dev.prune.engine.UnitActivity;
import java.util.List;

/**
 * What a criterion may ask about the network beyond its weights. The interpreter answers from the
 * engine; unit tests answer with small hand-made arrays. Every list has one array per layer in
 * the flat layout of the weights (see {@link dev.prune.engine.LayerSpec}).
 */
public interface Probe {

    /**
     * Mean gradient of the training loss with respect to each weight over the first
     * {@code batches} mini-batches of the training data, with the logits divided by
     * {@code temperature} (1 for the plain loss).
     */
    List<float[]> gradient(int batches, double temperature);

    /** The gradient of each of the first {@code batches} mini-batches separately. */
    List<List<float[]>> batchGradients(int batches);

    /** H g: the Hessian of that loss (weights only) times its gradient g. */
    List<float[]> hessianGradient(int batches, double temperature);

    /** H v: the Hessian of the plain loss on the first {@code batches} mini-batches times {@code vector}. */
    List<float[]> hessianVector(int batches, List<float[]> vector);

    /** Per-unit activation statistics over the first {@code examples} training examples (0 for all). */
    UnitActivity activity(int examples);

    /** The weights at the start of the last training phase. */
    List<float[]> previous();

    /** The γ of the batch norm right after each layer, null for a layer without one. */
    List<float[]> normScales();

    /**
     * PLATON's Ī · Ū per weight: the importance |w g| averaged over the training iterations since
     * the policy began, times its averaged deviation (see {@link dev.prune.engine.Engine#trackImportance}).
     */
    List<float[]> importance();

    /**
     * The post-activation outputs of every dense layer's units on {@code count} training examples
     * from the {@code from}-th on (wrapping around the training split), example by example:
     * {@code e * units + u}; a conv's maps as its one reader reads them, {@code e * (channels *
     * positions) + c * positions + q}; null for other layers. i-SpaSP reads them.
     */
    default List<float[]> outputs(int from, int count) {
        throw new IllegalStateException("this probe has no unit outputs");
    }

    /** The same outputs of the network with these masks in force instead (the network itself unchanged). */
    default List<float[]> outputs(int from, int count, List<float[]> masks) {
        throw new IllegalStateException("this probe has no unit outputs");
    }

    /** A probe for criteria that need nothing: every question is a bug. */
    Probe NONE = new Probe() {
        @Override
        public List<float[]> gradient(int batches, double temperature) {
            throw unavailable();
        }

        @Override
        public List<List<float[]>> batchGradients(int batches) {
            throw unavailable();
        }

        @Override
        public List<float[]> hessianGradient(int batches, double temperature) {
            throw unavailable();
        }

        @Override
        public List<float[]> hessianVector(int batches, List<float[]> vector) {
            throw unavailable();
        }

        @Override
        public UnitActivity activity(int examples) {
            throw unavailable();
        }

        @Override
        public List<float[]> previous() {
            throw unavailable();
        }

        @Override
        public List<float[]> normScales() {
            throw unavailable();
        }

        @Override
        public List<float[]> importance() {
            throw unavailable();
        }

        private IllegalStateException unavailable() {
            return new IllegalStateException(
                    "it needs more than the weights (gradients, activations or the weights before training)");
        }
    };
}

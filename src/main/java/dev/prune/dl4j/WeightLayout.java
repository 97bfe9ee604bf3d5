package dev.prune.dl4j;

import dev.prune.engine.EngineException;
import dev.prune.engine.LayerKind;
import dev.prune.engine.LayerSpec;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where one spec layer's weights live in the network, and how they map to the flat layout of the
 * engine boundary (element (unit u, fan-in j) at {@code u * fanIn + j}).
 *
 * <p>That layout is the logical 'f' order of a dense W [nIn, nOut] and the logical 'c' order of a
 * conv W [nOut, nIn, kH, kW]. The flat data is read in that logical order and then, if DL4J stored
 * the parameter differently, copied into the parameter's own order: an elementwise product of an
 * 'f' array with a 'c' array takes a slow strided path (15-25x) that would dominate training.
 */
final class WeightLayout {
    private final LayerSpec spec;
    private final char logicalOrder;

    WeightLayout(LayerSpec spec) {
        this.spec = spec;
        this.logicalOrder = spec.kind() == LayerKind.CONV ? 'c' : 'f';
    }

    LayerSpec spec() {
        return spec;
    }

    /** The graph vertex that holds the weights: the node's name. */
    String vertex() {
        return spec.name();
    }

    /** The key of the weights in the graph's parameter and gradient tables. */
    String weightKey() {
        return spec.name() + "_W";
    }

    /** The live weight view; in-place operations on it change the network. */
    INDArray weights(ComputationGraph net) {
        return net.getParam(weightKey());
    }

    /**
     * A copy of the weights in the boundary's flat layout. Masking a negative weight yields -0.0;
     * it is reported as +0.0 so that a pruned weight compares equal to 0 however it is compared.
     */
    float[] copy(ComputationGraph net) {
        float[] w = weights(net).dup(logicalOrder).data().asFloat();
        for (int i = 0; i < w.length; i++) {
            if (w[i] == 0f) {
                w[i] = 0f;
            }
        }
        return w;
    }

    /** Any array shaped like the weights (a gradient, say), in the boundary's flat layout. */
    float[] flat(INDArray shapedLikeWeights) {
        return shapedLikeWeights.dup(logicalOrder).data().asFloat();
    }

    /**
     * The mask as an array shaped and ordered like the weight parameter, or null when it keeps
     * every weight (nothing to multiply, so no per-iteration cost).
     */
    INDArray mask(ComputationGraph net, float[] flat) {
        if (flat.length != spec.weightCount()) {
            throw new EngineException("mask for layer '" + spec.name() + "' has " + flat.length
                    + " values, expected " + spec.weightCount());
        }
        boolean keepsAll = true;
        for (float v : flat) {
            if (v != 1f) {
                if (v != 0f) {
                    throw new EngineException("mask for layer '" + spec.name() + "' holds " + v
                            + "; masks hold only 0 and 1");
                }
                keepsAll = false;
            }
        }
        return keepsAll ? null : shaped(net, flat);
    }

    /** Flat-layout values as an array shaped and ordered like the weight parameter. */
    INDArray shaped(ComputationGraph net, float[] flat) {
        INDArray w = weights(net);
        INDArray logical = Nd4j.create(flat, w.shape(), logicalOrder);
        return logical.ordering() == w.ordering() ? logical : logical.dup(w.ordering());
    }

    /** The bias parameter, a live view; null for a layer without bias. */
    INDArray bias(ComputationGraph net) {
        return spec.bias() ? net.getParam(spec.name() + "_b") : null;
    }
}

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
 *
 * <p>A depthwise conv (DL4J's {@code DepthwiseConvolution2D}) stores W as [kH, kW, nIn, 1]; its
 * logical order is that array permuted to [nIn, 1, kH, kW], so that the flat layout is again
 * grouped by output channel.
 */
final class WeightLayout {
    private final LayerSpec spec;
    private final char logicalOrder;
    private final boolean depthwise;

    WeightLayout(LayerSpec spec) {
        this.spec = spec;
        this.logicalOrder = spec.kind() == LayerKind.CONV ? 'c' : 'f';
        this.depthwise = spec.kind() == LayerKind.CONV && spec.groups() > 1 && spec.groups() == spec.nIn();
    }

    /** DL4J's depthwise W [kH, kW, nIn, 1] seen as [nIn, 1, kH, kW]; any other parameter as it is. */
    private INDArray logical(INDArray shapedLikeWeights) {
        return depthwise ? shapedLikeWeights.permute(2, 3, 0, 1) : shapedLikeWeights;
    }

    /**
     * Where element k of the flat layout sits in the parameter's own storage (the order of the
     * flat parameter vector and of the optimizer state).
     */
    long storageIndex(int k) {
        if (!depthwise) {
            return k;
        }
        int area = spec.kernel() * spec.kernel();
        return (long) (k % area) * spec.nIn() + k / area;
    }

    LayerSpec spec() {
        return spec;
    }

    /**
     * The axis of the weight parameter that runs over output features: 1 for a dense W [nIn, nOut],
     * 0 for a conv W [nOut, nIn, kH, kW], 2 for a depthwise W [kH, kW, nIn, 1].
     */
    int featureAxis() {
        return depthwise ? 2 : spec.kind() == LayerKind.CONV ? 0 : 1;
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
        float[] w = logical(weights(net)).dup(logicalOrder).data().asFloat();
        for (int i = 0; i < w.length; i++) {
            if (w[i] == 0f) {
                w[i] = 0f;
            }
        }
        return w;
    }

    /** Any array shaped like the weights (a gradient, say), in the boundary's flat layout. */
    float[] flat(INDArray shapedLikeWeights) {
        return logical(shapedLikeWeights).dup(logicalOrder).data().asFloat();
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
        if (depthwise) {
            long[] s = w.shape();
            return Nd4j.create(flat, new long[] {s[2], s[3], s[0], s[1]}, 'c').permute(2, 3, 0, 1).dup(w.ordering());
        }
        INDArray logical = Nd4j.create(flat, w.shape(), logicalOrder);
        return logical.ordering() == w.ordering() ? logical : logical.dup(w.ordering());
    }

    /** The bias parameter, a live view; null for a layer without bias. */
    INDArray bias(ComputationGraph net) {
        return spec.bias() ? net.getParam(spec.name() + "_b") : null;
    }
}

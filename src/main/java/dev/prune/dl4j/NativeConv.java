package dev.prune.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Convolution and pooling through libnd4j's native {@code conv2d} and {@code maxpool2d} ops.
 *
 * <p>DL4J 1.0.0-M2.1 has helpers that call those ops, but it enables them only after looking up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment}, a class that this release no longer has (the
 * "Cannot find class" line it logs), so its layers fall back to an im2col and matrix product
 * written in Java, several times slower. These layers are DL4J's own with the helper attached.
 * The native op sums in another order, so a convolutional network's numbers differ from the
 * Java path's in the last bits; they are as deterministic as before.
 */
final class NativeConv {
    private NativeConv() {
    }

    /** Replaces the convolution and pooling layers of a graph that was just initialized. */
    static void install(ComputationGraph net) {
        LayerSwap.replace(net, vertex -> {
            Layer layer = vertex.getLayer();
            if (layer.getClass() == ConvolutionLayer.class) {
                return new Conv(layer.conf(), (ConvolutionLayer) layer);
            }
            return layer.getClass() == SubsamplingLayer.class ? new Pool(layer.conf(), (SubsamplingLayer) layer) : null;
        });
    }

    private static DataType dataTypeOf(Layer layer) {
        return layer.params() == null ? DataType.FLOAT : layer.params().dataType();
    }

    static final class Conv extends ConvolutionLayer {
        Conv(NeuralNetConfiguration conf, ConvolutionLayer original) {
            super(conf, dataTypeOf(original));
            helper = new MKLDNNConvHelper(dataTypeOf(original));
            LayerSwap.adopt(this, original);
        }
    }

    static final class Pool extends SubsamplingLayer {
        Pool(NeuralNetConfiguration conf, SubsamplingLayer original) {
            super(conf, DataType.FLOAT);
            helper = new MKLDNNSubsamplingHelper(DataType.FLOAT);
            setListeners(original.getListeners());
            setIndex(original.getIndex());
            setConf(conf);
        }
    }
}

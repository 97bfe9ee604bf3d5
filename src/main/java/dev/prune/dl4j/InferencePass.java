package dev.prune.dl4j;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A forward pass in inference mode that hands chosen vertices' outputs to a reader, for the unit
 * statistics. It walks the graph's vertices in DL4J's topological order. Convolutions and max
 * pooling that read channels-last arrays compute channels-last ({@link ChannelsLast}): a
 * convolution whose input has one channel (the network's first, where both layouts are the same
 * memory), and every one after it that reads a channels-last output, such as LeNet-5's whole
 * convolutional part. Every other vertex computes with its own layer, as
 * {@code ComputationGraph.feedForward(input, false)} does, after a channels-last input is copied
 * back to channels-first. The values are DL4J's to the bit ({@code InferencePassTest}). A network
 * with nothing to compute channels-last (a dense one) takes DL4J's feedForward as it is. Training
 * never comes here.
 */
final class InferencePass {
    /** Receives the output of a vertex that was asked for, while the pass still holds it. */
    interface Reader {
        /** @param channelsLast whether a 4-d output is [n, h, w, c] rather than DL4J's [n, c, h, w] */
        void read(int vertex, INDArray output, boolean channelsLast);
    }

    private final ComputationGraph net;
    private final GraphVertex[] vertices;
    private final int[] order;
    private final boolean[] wanted;
    /** Per vertex: its channels-last computation, or null. */
    private final ChannelsLast.Op[] channelsLast;

    /** @param names the vertices whose outputs are read */
    InferencePass(ComputationGraph net, String... names) {
        this(net, true, names);
    }

    /** @param channelsLast false: every vertex computes with its own layer (for comparisons) */
    InferencePass(ComputationGraph net, boolean channelsLast, String... names) {
        this.net = net;
        this.vertices = net.getVertices();
        this.order = net.topologicalSortOrder();
        this.wanted = new boolean[vertices.length];
        this.channelsLast = new ChannelsLast.Op[vertices.length];
        for (String name : names) {
            wanted[net.getVertex(name).getVertexIndex()] = true;
        }
        for (GraphVertex v : vertices) {
            if (channelsLast && v instanceof LayerVertex lv && lv.getInputVertices().length == 1) {
                this.channelsLast[v.getVertexIndex()] = ChannelsLast.of(lv.getLayer());
            }
        }
    }

    /** One pass over {@code features}, a view of the data that stays the caller's; every array it made is freed. */
    void run(INDArray features, Reader reader) {
        if (java.util.Arrays.stream(channelsLast).allMatch(java.util.Objects::isNull)) {
            // Nothing runs channels-last (a dense network): DL4J's own pass, whose reused
            // workspaces make it about 5% faster than this walk on LeNet-300-100.
            Map<String, INDArray> acts = net.feedForward(features, false);
            for (int index = 0; index < vertices.length; index++) {
                if (wanted[index]) {
                    reader.read(index, acts.get(vertices[index].getVertexName()), false);
                }
            }
            acts.remove(net.getConfiguration().getNetworkInputs().get(0));
            free(new ArrayList<>(acts.values()), features);
            return;
        }
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        INDArray[] outputs = new INDArray[vertices.length];
        boolean[] last = new boolean[vertices.length];
        INDArray[] first = new INDArray[vertices.length];
        List<INDArray> made = new ArrayList<>();
        net.setInputs(features);
        try {
            for (int index : order) {
                GraphVertex v = vertices[index];
                if (v.isInputVertex()) {
                    if (net.getConfiguration().getNetworkInputs().size() != 1) {
                        throw new IllegalStateException("the statistics pass takes networks of one input");
                    }
                    outputs[index] = features;
                } else {
                    VertexIndices[] in = v.getInputVertices();
                    INDArray channelsLastInput = channelsLast[index] == null ? null
                            : channelsLastInput((LayerVertex) v, in[0].getVertexIndex(), outputs, last, made, none);
                    if (channelsLastInput != null) {
                        outputs[index] = channelsLast[index].apply(channelsLastInput);
                        last[index] = true;
                    } else {
                        for (int i = 0; i < in.length; i++) {
                            int from = in[i].getVertexIndex();
                            if (last[from] && first[from] == null) {
                                first[from] = ChannelsLast.toChannelsFirst(outputs[from]);
                                made.add(first[from]);
                            }
                            v.setInput(i, last[from] ? first[from] : outputs[from], none);
                        }
                        outputs[index] = v.doForward(false, none);
                        v.clear();
                    }
                }
                if (wanted[index]) {
                    reader.read(index, outputs[index], last[index]);
                }
            }
        } finally {
            net.clearLayersStates();
            made.addAll(java.util.Arrays.asList(outputs));
            free(made, features);
        }
    }

    /**
     * The channels-last input of a vertex that can compute channels-last: its input as it is when
     * it is channels-last already, else a view of a one-channel input after the vertex's
     * preprocessor; null when neither (the vertex then computes with its own layer).
     */
    private static INDArray channelsLastInput(LayerVertex v, int from, INDArray[] outputs, boolean[] last,
                                              List<INDArray> made, LayerWorkspaceMgr none) {
        if (last[from]) {
            return v.getLayerPreProcessor() == null ? outputs[from] : null;
        }
        INDArray x = outputs[from];
        if (v.getLayerPreProcessor() != null) {
            x = v.getLayerPreProcessor().preProcess(x, (int) x.size(0), none);
            made.add(x);
        }
        INDArray view = ChannelsLast.viewOfOneChannel(x);
        made.add(view);
        return view;
    }

    /** Each array once; never the caller's features, nor a view (it shares another array's buffer). */
    private static void free(List<INDArray> arrays, INDArray features) {
        Map<INDArray, Boolean> seen = new IdentityHashMap<>();
        List<INDArray> closing = new ArrayList<>();
        for (INDArray a : arrays) {
            if (a != null && a != features && seen.put(a, Boolean.TRUE) == null && !a.isView()) {
                closing.add(a);
            }
        }
        Activity.free(closing.toArray(new INDArray[0]));
    }
}

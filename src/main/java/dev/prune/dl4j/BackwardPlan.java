package dev.prune.dl4j;

import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;

/**
 * Tells the layers that can leave work out what of their gradients the coming training steps
 * read. A frozen layer's parameters are written back after every step, so its weight gradient is
 * never used; and the gradient of a layer's input is only needed when some layer before it trains.
 * So a frozen prefix of the network (every layer before it frozen too, or the data) needs no
 * backward pass at all. Batch norms, and any other layer with parameters, train unless frozen;
 * a kept layer of a user's model never trains.
 */
final class BackwardPlan {

    /** A layer that can leave out its weight gradient, its input's gradient, or both. */
    interface Partial {
        /**
         * @param weights whether its weights' gradient is read (false: it is frozen)
         * @param input   whether its input's gradient is read (false: no layer before it trains)
         */
        void needs(boolean weights, boolean input);
    }

    private BackwardPlan() {
    }

    /** The plan for training with the given vertices (by name) frozen. */
    static void frozen(ComputationGraph net, Set<String> frozen) {
        GraphVertex[] vertices = net.getVertices();
        // Whether some vertex at or before each one trains, in topological order.
        boolean[] trainsUpTo = new boolean[vertices.length];
        for (int i : net.topologicalSortOrder()) {
            GraphVertex v = vertices[i];
            boolean before = false;
            VertexIndices[] inputs = v.getInputVertices();
            if (inputs != null) {
                for (VertexIndices in : inputs) {
                    before |= trainsUpTo[in.getVertexIndex()];
                }
            }
            boolean trains = trains(v, frozen);
            trainsUpTo[i] = before || trains;
            if (v.hasLayer() && v.getLayer() instanceof Partial p) {
                p.needs(!frozen.contains(v.getVertexName()), before);
            }
        }
    }

    private static boolean trains(GraphVertex v, Set<String> frozen) {
        if (!v.hasLayer() || frozen.contains(v.getVertexName())) {
            return false;
        }
        Layer layer = v.getLayer();
        return layer.numParams() > 0 && !(layer instanceof FrozenLayerWithBackprop);
    }
}

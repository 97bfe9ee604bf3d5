package dev.prune.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GraphTest {

    /** A stem, one residual block with an option-A shortcut that doubles the channels, and a head. */
    static NetworkSpec block() {
        return new NetworkSpec("tiny", 1, 8, 8, List.of(
                Node.conv("stem", NetworkSpec.INPUT, 4, 3, 1, 1, false, "identity"),
                Node.batchNorm("stem_bn", "stem"),
                Node.activation("stem_relu", "stem_bn", "relu"),
                Node.conv("b.conv1", "stem_relu", 8, 3, 2, 1, false, "identity"),
                Node.batchNorm("b.bn1", "b.conv1"),
                Node.activation("b.relu1", "b.bn1", "relu"),
                Node.conv("b.conv2", "b.relu1", 8, 3, 1, 1, false, "identity"),
                Node.batchNorm("b.bn2", "b.conv2"),
                Node.zeroPad("b.short", "stem_relu", 8, 2),
                Node.add("b.add", List.of("b.bn2", "b.short")),
                Node.activation("b.relu", "b.add", "relu"),
                Node.globalAvgPool("pool", "b.relu"),
                Node.output("fc", "pool", 10)));
    }

    @Test
    void shapesFollowStridesPaddingAndShortcuts() {
        NetworkSpec net = block();
        assertEquals(Shape.map(4, 8, 8), net.shape("stem"));
        assertEquals(Shape.map(8, 4, 4), net.shape("b.conv1"));
        assertEquals(Shape.map(8, 4, 4), net.shape("b.short"));
        assertEquals(Shape.vector(8), net.shape("pool"));
        assertEquals(List.of("stem", "b.conv1", "b.conv2", "fc"), net.layers().stream().map(LayerSpec::name).toList());
        LayerSpec conv1 = net.layers().get(1);
        assertEquals(4 * 9, conv1.fanIn());
        assertEquals(4, conv1.outputHeight());
        assertEquals(16, conv1.flopsPerWeight());
        assertEquals(8, net.layers().get(3).nIn());
        assertTrue(net.residual());
    }

    @Test
    void theGraphSaysWhichLayersReadAUnitAndWhenAnAddCouplesThem() {
        NetworkSpec net = block();
        Topology t = net.topology();
        assertEquals(List.of(1), t.readers(0).subList(0, 1));
        assertEquals(Optional.of(new Topology.Feed(2, 9)), t.next(1));
        assertEquals(Optional.empty(), t.next(3));
        assertThrows(Topology.Coupled.class, () -> t.next(0));
        assertThrows(Topology.Coupled.class, () -> t.next(2));
    }

    @Test
    void aSequentialNetFlattensAPooledMapIntoTheDenseLayerChannelByChannel() {
        NetworkSpec net = NetworkSpec.sequential("c", 1, 12, 12, List.of(
                LayerSpec.conv("c1", 1, 3, 3, 1, 2, 12, "relu"),
                LayerSpec.dense("fc", 3 * 36, 5, "relu"),
                LayerSpec.output("out", 5, 2)));
        assertEquals(List.of("c1", "c1_pool", "fc", "out"), net.nodes().stream().map(Node::name).toList());
        assertEquals(2, net.layers().get(0).poolAfter());
        assertEquals(Optional.of(new Topology.Feed(1, 36)), net.topology().next(0));
        assertEquals(6, net.topology().side(0));
        assertEquals(Optional.of(new Topology.Feed(2, 1)), net.topology().next(1));
    }

    @Test
    void wrongGraphsFailWithASentenceNamingTheNode() {
        EngineException shapes = assertThrows(EngineException.class, () -> new NetworkSpec("m", 1, 8, 8, List.of(
                Node.conv("a", NetworkSpec.INPUT, 4, 3, 1, 1, true, "relu"),
                Node.conv("b", "a", 4, 3, 2, 1, true, "relu"),
                Node.add("sum", List.of("a", "b")),
                Node.output("out", "sum", 2))));
        assertEquals("add 'sum' joins a (4x8x8) and b (4x4x4), whose shapes differ", shapes.getMessage());
        EngineException order = assertThrows(EngineException.class, () -> new NetworkSpec("m", 1, 8, 8, List.of(
                Node.dense("a", "later", 4, "relu"), Node.output("later", "a", 2))));
        assertEquals("node 'a' reads 'later', which is not an earlier node of network 'm'", order.getMessage());
    }

    @Test
    void aGraphRoundTripsThroughJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        NetworkSpec net = block();
        assertEquals(net, json.readValue(json.writeValueAsString(net), NetworkSpec.class));
    }

    @Test
    void compactingCutsUnitsAndTheShapesFollow() {
        NetworkSpec net = NetworkSpec.sequential("m", 1, 4, 4, List.of(
                LayerSpec.dense("fc1", 16, 8, "relu"), LayerSpec.output("out", 8, 3)));
        NetworkSpec smaller = net.withUnits(java.util.Map.of("fc1", 5));
        assertEquals(5, smaller.layers().get(1).nIn());
    }
}

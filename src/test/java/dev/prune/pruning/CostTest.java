package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.UnitActivity;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostTest {

    @Test
    void compressionAndSpeedUpCountConvWeightsOncePerPosition() {
        NetworkSpec net = Nets.convFlatten();
        // conv1: 2 weights x 4 positions = 8 multiply-adds; fc1: 24; out: 6. Dense total 38, 32 weights.
        List<float[]> m = Nets.ones(net);
        m.get(0)[0] = 0f;
        m.get(1)[0] = 0f;
        m.get(1)[1] = 0f;
        assertEquals(32.0 / 29, Cost.compression(m), 1e-12);
        assertEquals(38.0 / (4 + 22 + 6), Cost.speedup(net, m), 1e-12);
        assertEquals(1.0, Cost.compression(Nets.ones(net)), 0);
    }

    /** Without a ReLU hidden layer there is no dead neuron rate to read (the output's softmax does not count). */
    @Test
    void aNetworkWithoutReluHasNoDeadRate() {
        NetworkSpec tanh = NetworkSpec.sequential("t", 1, 1, 3, List.of(LayerSpec.dense("fc1", 3, 4, "tanh"),
                LayerSpec.output("out", 4, 2)));
        assertFalse(Cost.hasRelu(tanh));
        assertTrue(Cost.hasRelu(Nets.mlp342()));
        List<float[]> half = List.of(new float[]{0.5f, 0.5f, 0.5f, 0.5f}, new float[]{0.5f, 0.5f});
        assertTrue(Double.isNaN(Cost.deadRate(tanh, new UnitActivity(half, half, 1))));
    }

    @Test
    void deadRateCountsTheReluNodesAfterBatchNormInAGraph() {
        NetworkSpec net = dev.prune.builtins.GraphModels.resnet(new dev.prune.builtins.DataShape(1, 8, 8, 10), 8, false);
        assertTrue(Cost.hasRelu(net));
        List<float[]> zeros = new java.util.ArrayList<>();
        for (LayerSpec l : net.layers()) {
            float[] z = new float[l.nOut()];
            java.util.Arrays.fill(z, 0.5f);
            zeros.add(z);
        }
        // The stem and each block's conv1 feed a batch norm and a ReLU; conv2's units are read at the
        // ReLU after the add (where DropNet and APoZ read them too); the output layer is never
        // counted. Every counted unit is half dead.
        assertEquals(0.5, Cost.deadRate(net, new UnitActivity(zeros, zeros, 1)), 1e-7);
        zeros.set(net.indexOf("stage1.block1.conv2").orElseThrow(), new float[16]);
        double withLiveConv2 = Cost.deadRate(net, new UnitActivity(zeros, zeros, 1));
        assertTrue(withLiveConv2 < 0.5, "the ReLU after the add counts: " + withLiveConv2);
        zeros.set(net.indexOf("stem").orElseThrow(), new float[16]);
        assertTrue(Cost.deadRate(net, new UnitActivity(zeros, zeros, 1)) < withLiveConv2);
    }

    @Test
    void deadRateWeighsFiltersByTheirPositions() {
        NetworkSpec net = Nets.convFlatten();
        UnitActivity a = new UnitActivity(Nets.of(new float[2], new float[3], new float[2]),
                Nets.of(new float[]{0.5f, 0}, new float[]{1, 0, 0}, new float[]{0.9f, 0.9f}), 10);
        // conv1: 2 filters x 4 positions, zeros 0.5*4 = 2; fc1: 3 neurons, zeros 1; out is softmax.
        assertEquals(3.0 / 11, Cost.deadRate(net, a), 1e-7);
        NetworkSpec tanh = NetworkSpec.sequential("t", 1, 1, 3, List.of(LayerSpec.dense("fc1", 3, 4, "tanh"),
                LayerSpec.output("out", 4, 2)));
        assertTrue(Double.isNaN(Cost.deadRate(tanh, a)));
    }
}

package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

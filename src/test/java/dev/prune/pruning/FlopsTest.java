package dev.prune.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlopsTest {

    @Test
    void convWeightsCostOneMultiplyAddPerOutputPosition() {
        // conv 3x3, 1 -> 2 on a 5x5 input: 18 weights, 3x3 outputs, 162 multiply-adds; dense 18 -> 4: 72.
        NetworkSpec net = NetworkSpec.sequential("n", 1, 5, 5, List.of(
                LayerSpec.conv("c", 1, 2, 3, 0, 0, 5, "relu"), LayerSpec.output("o", 18, 4)));
        assertEquals(234, Flops.dense(net));
        float[] conv = new float[18];
        for (int i = 0; i < 9; i++) {
            conv[i] = 1;
        }
        float[] out = new float[72];
        for (int i = 0; i < 36; i++) {
            out[i] = 1;
        }
        // 9 * 9 + 36 = 117 left: half the work.
        assertEquals(117, Flops.remaining(net, List.of(conv, out)));
        assertEquals(2.0, Flops.ratio(net, List.of(conv, out)), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, Flops.ratio(net, List.of(new float[18], new float[72])));
    }
}

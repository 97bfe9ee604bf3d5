package dev.prune.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.prune.builtins.Registry;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of the benchmark: the networks it compares and the rows it writes. */
class BenchPartsTest {
    private static final NetworkSpec MLP = NetworkSpec.sequential("lenet_300_100", 1, 28, 28, List.of(
            LayerSpec.dense("fc1", 784, 300, "relu"),
            LayerSpec.dense("fc2", 300, 100, "relu"),
            LayerSpec.output("out", 100, 10)));

    @Test
    void theCompactNetworkKeepsHalfOfEveryHiddenLayer() {
        NetworkSpec small = InferenceTiming.halved(MLP);
        assertEquals(List.of(150, 50, 10), small.layers().stream().map(LayerSpec::nOut).toList());
        assertEquals(List.of(784, 150, 50), small.layers().stream().map(LayerSpec::nIn).toList());
        assertEquals(784 * 150 + 150 * 50 + 50 * 10, small.weightCount());
    }

    @Test
    void theMaskedNetworkKeepsExactlyTheWeightsOfTheCompactOne() {
        List<float[]> masks = InferenceTiming.halfNeuronMasks(MLP);
        NetworkSpec small = InferenceTiming.halved(MLP);
        for (int l = 0; l < masks.size(); l++) {
            double kept = 0;
            for (float m : masks.get(l)) {
                kept += m;
            }
            assertEquals(small.layers().get(l).weightCount(), kept, "layer " + l);
        }
        // fc2 keeps units 0..49, and of each only the inputs from fc1's units 0..149.
        float[] fc2 = masks.get(1);
        assertEquals(1f, fc2[49 * 300 + 149]);
        assertEquals(0f, fc2[49 * 300 + 150]);
        assertEquals(0f, fc2[50 * 300]);
    }

    @Test
    void rowsAreWrittenAsCsvWithTheNoteQuotedWhenNeeded() {
        Row row = new Row("epoch", "lenet5 b60", "dl4j fit", 1.5, "cpu s", "wall 2 s; 6000 rows, scaled");
        assertEquals("epoch,lenet5 b60,dl4j fit,1.50000,cpu s,\"wall 2 s; 6000 rows, scaled\"", row.csv());
        assertEquals("epoch,x,pytorch,,cpu s,not installed",
                new Row("epoch", "x", "pytorch", Double.NaN, "cpu s", "not installed").csv());
        assertEquals("-", new Row("a", "b", "c", Double.NaN, "", "").formatted());
        assertEquals("epoch,x,\"loop + masks,freeze\",2.00000,cpu s,", new Row("epoch", "x", "loop + masks,freeze", 2,
                "cpu s", "").csv());
    }

    @Test
    void defaultsFillEveryParameterOrNameTheMissingOne() {
        Registry r = Registry.standard();
        assertEquals("relu", Defaults.of(r.find("lenet5").orElseThrow()).string("activation"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Defaults.of(r.find("mlp").orElseThrow()));
        assertEquals("'widths' has no default", e.getMessage());
    }
}

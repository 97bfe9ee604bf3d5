package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.prune.engine.NetworkSpec;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Seed 0, what a recipe without 'seed' runs with, must give the same weights every time. */
@Tag("slow")
class SeedZeroTest {

    private static List<float[]> initial(NetworkSpec net, long seed) {
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.sgd(), 64, seed)) {
            return engine.weights();
        }
    }

    @Test
    void seedZeroIsAsRepeatableAsAnyOther() {
        NetworkSpec net = Fixtures.smallMlp();
        List<float[]> first = initial(net, 0);
        List<float[]> second = initial(net, 0);
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i), "layer " + i);
        }
    }
}

package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.DataShape;
import dev.prune.builtins.GraphModels;
import dev.prune.engine.EvalResult;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Node;
import dev.prune.engine.NodeKind;
import dev.prune.engine.Split;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainResult;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Residual and batch-normalised graphs on the engine: built as the core describes them, trained, masked. */
class GraphEngineTest {
    private static final DataShape SMALL = new DataShape(1, 28, 28, 10);

    /** DL4J's parameter count is the papers' plus batch norm's running mean and variance. */
    private static long dl4jParameters(NetworkSpec net) {
        long stats = 0;
        for (Node n : net.nodes()) {
            if (n.kind() == NodeKind.BATCH_NORM) {
                stats += 2L * net.shape(n.input()).channels();
            }
        }
        return net.parameterCount() + stats;
    }

    private static void trainsMasked(NetworkSpec net) {
        try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), 50, 3)) {
            assertEquals(dl4jParameters(net), engine.network().numParams(), "the core's shapes are DL4J's");
            List<float[]> masks = Fixtures.randomMasks(net, 0.5, 4);
            engine.applyMasks(masks);
            TrainResult result = engine.train(Fixtures.constant(4, 1, 0.05), TrainObserver.NONE);
            assertTrue(result.completed(), result.failure());
            List<float[]> weights = engine.weights();
            for (int l = 0; l < masks.size(); l++) {
                for (int i = 0; i < masks.get(l).length; i++) {
                    if (masks.get(l)[i] == 0f) {
                        assertEquals(0f, weights.get(l)[i], net.layers().get(l).name() + " weight " + i);
                    }
                }
            }
            EvalResult eval = engine.evaluate(Split.TEST);
            assertTrue(Double.isFinite(eval.loss()));
        }
    }

    @Test
    void aSmallResnetWithZeroPaddedShortcutsTrainsWithMasks() {
        trainsMasked(GraphModels.resnet(SMALL, 8, false));
    }

    @Test
    void projectionShortcutsTrainToo() {
        trainsMasked(GraphModels.resnet(SMALL, 8, true));
    }

    @Tag("slow")
    @Test
    void vggWithBatchNormTrainsWithMasks() {
        trainsMasked(GraphModels.vgg(SMALL, 11, true));
    }
}

package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.DataShape;
import dev.prune.builtins.GraphModels;
import dev.prune.data.DataSplit;
import dev.prune.data.Shapes;
import dev.prune.engine.ChannelGroups;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.TrainObserver;
import dev.prune.pruning.ScoreInputs;
import dev.prune.pruning.UnitNorm;
import dev.prune.pruning.UnitPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The mask listener enforces masks and freezing with one product over the flat parameters, a
 * memory copy and no gradient zeroing under plain SGD; a listener that does it the plain way,
 * one product per layer and batch norm, an assign and a zeroed gradient, gives the same bits
 * (signs of zeros included) under every optimizer, but for the signs of pruned weights' zeros
 * where the MLP trains with Prune's dense step under plain SGD.
 */
@Tag("slow")
class ControlsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prune.dl4j.Fixtures#optimizers")
    void mlpWithEveryLayerMaskedAndOneFrozen(String name, OptimizerSpec optimizer, double lr) {
        NetworkSpec net = Fixtures.smallMlp();
        List<float[]> masks = Fixtures.randomMasks(net, 0.5, 7);
        float[][] runs = new float[2][];
        for (int r = 0; r < 2; r++) {
            try (Dl4jEngine engine = Fixtures.engine(net, optimizer, 50, 9)) {
                engine.train(Fixtures.constant(6, 1, lr), TrainObserver.NONE);
                engine.applyMasks(masks);
                engine.freeze(Set.of(1));
                assertEquals(1, engine.guard().products(), "three masked layers, one product");
                if (r == 1) {
                    engine.network().setListeners(new Plain(engine, net, masks, Set.of(1)));
                }
                assertTrue(engine.train(Fixtures.constant(20, 2, lr), TrainObserver.NONE).completed());
                runs[r] = engine.network().params().dup().data().asFloat();
            }
        }
        // The first run trains with Prune's dense step, which under plain SGD folds the masks
        // into its update: the same bits but for the sign of a pruned weight's zero.
        Fixtures.assertSameBitsOrZeros(runs[1], runs[0], name);
    }

    @Test
    void resnetWithFiltersRemovedAndSilencedBatchNorms() {
        DataShape shape = new DataShape(1, 12, 12, 10);
        DataSplit data = Shapes.generate(100, 50, 0, 12, 1);
        NetworkSpec net = GraphModels.resnet(shape, 8, false);
        float[][] runs = new float[2][];
        for (int r = 0; r < 2; r++) {
            try (Dl4jEngine engine = Fixtures.engine(net, Fixtures.nesterov(), data, 50, 3)) {
                List<float[]> scores = new UnitNorm(false, Set.of(dev.prune.engine.LayerKind.CONV)).unitScores(
                        new ScoreInputs(net, engine.weights(), Fixtures.randomMasks(net, 1.0, 1), 1));
                boolean[] convs = new boolean[net.layers().size()];
                java.util.Arrays.fill(convs, 0, convs.length - 1, true);
                List<float[]> masks = UnitPlanner.prune(net, scores, Fixtures.randomMasks(net, 1.0, 1), convs, 0.5,
                        false);
                engine.applyMasks(masks);
                engine.freeze(Set.of(2));
                if (r == 1) {
                    engine.network().setListeners(new Plain(engine, net, masks, Set.of(2)));
                }
                assertTrue(engine.train(Fixtures.constant(4, 1, 0.05), TrainObserver.NONE).completed());
                runs[r] = engine.network().params().dup().data().asFloat();
            }
        }
        assertArrayEquals(runs[1], runs[0]);
    }

    /** The controls done one array at a time, as the listener did before it was fused. */
    private static final class Plain extends BaseTrainingListener {
        private final List<INDArray[]> products = new ArrayList<>();
        private final List<INDArray[]> frozen = new ArrayList<>();
        private final List<Layer> frozenLayers = new ArrayList<>();

        Plain(Dl4jEngine engine, NetworkSpec spec, List<float[]> masks, Set<Integer> freeze) {
            ComputationGraph net = engine.network();
            for (int l = 0; l < masks.size(); l++) {
                WeightLayout layout = new WeightLayout(spec.layers().get(l));
                INDArray mask = layout.mask(net, masks.get(l));
                if (mask != null) {
                    products.add(new INDArray[] {layout.weights(net), mask});
                }
            }
            for (Map.Entry<String, boolean[]> e : ChannelGroups.silenced(spec, masks).entrySet()) {
                Layer norm = net.getLayer(e.getKey());
                float[] keep = new float[e.getValue().length];
                for (int c = 0; c < keep.length; c++) {
                    keep[c] = e.getValue()[c] ? 0f : 1f;
                }
                INDArray k = Nd4j.create(keep).reshape(norm.getParam("gamma").shape());
                products.add(new INDArray[] {norm.getParam("gamma"), k});
                products.add(new INDArray[] {norm.getParam("beta"), k});
            }
            for (int l : freeze) {
                Layer layer = net.getLayer(spec.layers().get(l).name());
                frozen.add(new INDArray[] {layer.params(), layer.params().dup()});
                frozenLayers.add(layer);
            }
        }

        @Override
        public void onGradientCalculation(Model model) {
            for (Layer layer : frozenLayers) {
                layer.getGradientsViewArray().assign(0);
            }
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            for (INDArray[] f : frozen) {
                f[0].assign(f[1]);
            }
            for (INDArray[] p : products) {
                p[0].muli(p[1]);
            }
        }
    }
}

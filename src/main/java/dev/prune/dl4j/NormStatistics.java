package dev.prune.dl4j;

import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Node;
import dev.prune.engine.NodeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch norm statistics recomputed from the training data, as after averaging networks (SWA's
 * {@code bn_update}, Sup-tickets): each batch goes forward in training mode, where every batch norm
 * normalises with the batch's own statistics, so no running statistic is read; a batch norm's
 * new running mean and variance are the means over the batches of its input's batch mean and
 * (biased) variance, per channel. The forward pass changes no parameter: DL4J updates running
 * statistics only in the backward pass.
 */
final class NormStatistics {
    private NormStatistics() {}

    static void recompute(ComputationGraph net, NetworkSpec spec, SplitArrays train, int batch) {
        List<Node> norms = new ArrayList<>();
        for (Node n : spec.nodes()) {
            if (n.kind() == NodeKind.BATCH_NORM) {
                norms.add(n);
            }
        }
        if (norms.isEmpty() || train.count() == 0) {
            return;
        }
        INDArray[] means = new INDArray[norms.size()];
        INDArray[] vars = new INDArray[norms.size()];
        int batches = 0;
        for (int a = 0; a < train.count(); a += batch) {
            int b = Math.min(train.count(), a + batch);
            Map<String, INDArray> acts = net.feedForward(train.features(a, b), true);
            for (int i = 0; i < norms.size(); i++) {
                INDArray x = acts.get(norms.get(i).inputs().get(0));
                int[] dims = x.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
                INDArray mean = x.mean(dims);
                INDArray var = x.var(false, dims);
                means[i] = means[i] == null ? mean : means[i].addi(mean);
                vars[i] = vars[i] == null ? var : vars[i].addi(var);
            }
            batches++;
            acts.remove(NetworkSpec.INPUT);
            Activity.free(acts.values().toArray(new INDArray[0]));
        }
        net.clearLayersStates();
        for (int i = 0; i < norms.size(); i++) {
            Layer layer = net.getLayer(norms.get(i).name());
            INDArray mean = means[i].divi(batches);
            INDArray var = vars[i].divi(batches);
            layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).assign(mean.reshape(
                    layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).shape()));
            if (layer.paramTable().containsKey(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)) {
                // DL4J's default form: log10 of sqrt(var + eps).
                double eps = ((BatchNormalization) layer.conf().getLayer()).getEps();
                INDArray logStd = Transforms.log(Transforms.sqrt(var.add(eps), false), 10, false);
                layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).assign(logStd.reshape(
                        layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).shape()));
            } else {
                layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).assign(var.reshape(
                        layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).shape()));
            }
        }
    }
}

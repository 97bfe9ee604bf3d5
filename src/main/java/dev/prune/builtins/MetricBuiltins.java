package dev.prune.builtins;

import java.util.List;

/** Names usable in conditions: {@code run until sparsity >= 90%}, {@code freeze layers where delta < eps}. */
final class MetricBuiltins {
    private MetricBuiltins() {}

    static void register(Registry r) {
        metric(r, "accuracy", MetricInfo.Scope.RUN, "test accuracy of the last evaluation, a fraction");
        metric(r, "loss", MetricInfo.Scope.RUN, "test cross-entropy loss of the last evaluation");
        metric(r, "val_accuracy", MetricInfo.Scope.RUN, "validation accuracy of the last evaluation");
        metric(r, "sparsity", MetricInfo.Scope.BOTH, "pruned share of the weights (of one layer inside 'layers where')");
        metric(r, "cycle", MetricInfo.Scope.RUN, "number of pruning cycles completed");
        metric(r, "epoch", MetricInfo.Scope.RUN, "epochs trained so far in the run");
        metric(r, "drop", MetricInfo.Scope.RUN, "accuracy of the unpruned model minus the current accuracy, a fraction");
        metric(r, "compression", MetricInfo.Scope.RUN, "all weights / kept weights (1 for a dense network)");
        metric(r, "speedup", MetricInfo.Scope.RUN,
                "theoretical speed-up: multiply-adds of the dense network / those of the kept weights");
        metric(r, "dnr", MetricInfo.Scope.RUN,
                "dead neuron rate: share of ReLU outputs that are 0 on training data, a fraction (AP)");
        metric(r, "distance", MetricInfo.Scope.RUN,
                "l2 learning distance |theta - theta_0| of the kept weights from the initial ones (He et al., ICML 2022, "
                        + "sparse double descent)");
        metric(r, "pq_index", MetricInfo.Scope.BOTH,
                "PQ index 1 - d^(1/q-1/p) |w|_p/|w|_q of the kept weights, p = 0.5, q = 1 (Diao et al., ICLR 2023): "
                        + "0 for weights of one magnitude, higher for sparser ones; of all layers, or of one inside "
                        + "'layers where'");
        metric(r, "delta", MetricInfo.Scope.LAYER,
                "ICE-Pick change of a layer over its last training: | |W_post|_1 - |W_pre|_1 | / |W_orig|_2");
        metric(r, "index", MetricInfo.Scope.LAYER, "position of the layer among the layers with weights, from 0");
        metric(r, "size", MetricInfo.Scope.LAYER, "number of weights of the layer");
    }

    private static void metric(Registry r, String name, MetricInfo.Scope scope, String doc) {
        MetricInfo info = new MetricInfo(name, scope);
        r.add(new Builtin<MetricInfo>(name, Kind.METRIC, List.of(), null, doc, "", a -> info));
    }
}

package dev.prune.builtins;

import java.util.List;

/** Names usable in conditions: {@code run until sparsity >= 90%}, {@code freeze layers where delta < eps}. */
final class MetricBuiltins {
    private MetricBuiltins() {}

    static void register(Registry r) {
        metric(r, "accuracy", 0, 1, MetricInfo.Scope.RUN, "test accuracy of the last evaluation, a fraction");
        metric(r, "loss", 0, Double.POSITIVE_INFINITY, MetricInfo.Scope.RUN, "test cross-entropy loss of the last evaluation");
        metric(r, "val_accuracy", 0, 1, MetricInfo.Scope.RUN, "validation accuracy of the last evaluation");
        metric(r, "sparsity", 0, 1, MetricInfo.Scope.BOTH, "pruned share of the weights (of one layer inside 'layers where')");
        metric(r, "cycle", 0, Double.POSITIVE_INFINITY, MetricInfo.Scope.RUN, "number of pruning cycles completed");
        metric(r, "epoch", 0, Double.POSITIVE_INFINITY, MetricInfo.Scope.RUN, "epochs trained so far in the run");
        metric(r, "drop", -1, 1, MetricInfo.Scope.RUN, "accuracy of the unpruned model minus the current accuracy, a fraction");
        metric(r, "compression", 1, Double.POSITIVE_INFINITY, MetricInfo.Scope.RUN, "all weights / kept weights (1 for a dense network)");
        metric(r, "speedup", 1, Double.POSITIVE_INFINITY, MetricInfo.Scope.RUN,
                "theoretical speed-up: multiply-adds of the dense network / those of the kept weights");
        metric(r, "dnr", 0, 1, MetricInfo.Scope.RUN,
                "dead neuron rate: share of ReLU outputs that are 0 on training data, a fraction (AP)");
        metric(r, "distance", 0, Double.POSITIVE_INFINITY, MetricInfo.Scope.RUN,
                "l2 learning distance |theta - theta_0| of the kept weights from the initial ones (He et al., ICML 2022, "
                        + "sparse double descent)");
        metric(r, "pq_index", 0, 1, MetricInfo.Scope.BOTH,
                "PQ index 1 - d^(1/q-1/p) |w|_p/|w|_q of the kept weights, p = 0.5, q = 1 (Diao et al., ICLR 2023): "
                        + "0 for weights of one magnitude, higher for sparser ones; of all layers, or of one inside "
                        + "'layers where'");
        metric(r, "mask_distance", 0, 1, MetricInfo.Scope.RUN,
                "early-bird mask distance: the largest normalised Hamming distance between the newest channel mask of "
                        + "the last 'stop early_bird' training and the older ones of its window (1 until the window "
                        + "is full; You et al., ICLR 2020)");
        metric(r, "delta", 0, Double.POSITIVE_INFINITY, MetricInfo.Scope.LAYER,
                "ICE-Pick change of a layer over its last training: | |W_post|_1 - |W_pre|_1 | / |W_orig|_2");
        metric(r, "index", 0, Double.POSITIVE_INFINITY, MetricInfo.Scope.LAYER, "position of the layer among the layers with weights, from 0");
        metric(r, "size", 0, Double.POSITIVE_INFINITY, MetricInfo.Scope.LAYER, "number of weights of the layer");
    }

    private static void metric(Registry r, String name, double min, double max, MetricInfo.Scope scope, String doc) {
        MetricInfo info = new MetricInfo(name, scope, min, max);
        r.add(new Builtin<MetricInfo>(name, Kind.METRIC, List.of(), null, doc, "", a -> info));
    }
}

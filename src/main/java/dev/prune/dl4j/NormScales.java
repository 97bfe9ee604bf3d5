package dev.prune.dl4j;

import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Norms;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;

/**
 * What the batch norm right after each weight layer multiplies a unit's pre-activation by in
 * inference mode, s = gamma / sqrt(var + eps) on the running variance, read from DL4J's parameters
 * in either of its forms (the variance, or log10 of sqrt(var + eps)). LRPET folds it into the
 * weights before the decomposition.
 */
final class NormScales {
    private NormScales() {}

    /** One entry per weight layer: s per unit, or null where no batch norm reads the layer. */
    static List<double[]> of(ComputationGraph net, NetworkSpec spec) {
        List<double[]> out = new ArrayList<>();
        for (String norm : Norms.after(spec)) {
            out.add(norm == null ? null : of(net.getLayer(norm)));
        }
        return out;
    }

    private static double[] of(Layer bn) {
        double[] gamma = bn.getParam(BatchNormalizationParamInitializer.GAMMA).dup().data().asDouble();
        double[] std = new double[gamma.length];
        if (bn.paramTable().containsKey(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)) {
            double[] logStd = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).dup().data().asDouble();
            for (int i = 0; i < std.length; i++) {
                std[i] = Math.pow(10, logStd[i]);
            }
        } else {
            double eps = ((BatchNormalization) bn.conf().getLayer()).getEps();
            double[] var = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).dup().data().asDouble();
            for (int i = 0; i < std.length; i++) {
                std[i] = Math.sqrt(var[i] + eps);
            }
        }
        double[] s = new double[gamma.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = gamma[i] / std[i];
        }
        return s;
    }
}

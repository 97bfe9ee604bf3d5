package dev.prune.interp;

import dev.prune.engine.Engine;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Norms;
import dev.prune.engine.Penalty;
import dev.prune.engine.TrainHook;
import dev.prune.pruning.LowRank;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * LRPET inside a training: the engine's weight matrices projected to rank r every N iterations
 * (before the request's own hook, so gradual pruning and checkpoints see the projected weights)
 * and once more after the last iteration, so every network evaluated after the training has rank r.
 */
final class Projections {
    private Projections() {}

    /** The last iteration is left to the projection after the training, which reports. */
    static TrainHook around(TrainHook hook, Engine engine, NetworkSpec net, Penalty.Projection p, int iterations) {
        return i -> {
            if ((i + 1) % p.every() == 0 && i + 1 < iterations) {
                project(engine, net, p);
            }
            return hook.after(i);
        };
    }

    /** Projects every dense hidden layer and conv; the singular values before, per layer (null for the others). */
    static List<double[]> project(Engine engine, NetworkSpec net, Penalty.Projection p) {
        List<UnaryOperator<double[]>> spectra = new ArrayList<>();
        for (int l = 0; l < net.layers().size(); l++) {
            int rank = p.rankOf(LowRank.fullRank(net, l));
            spectra.add(LowRank.projected(net.layers().get(l)) ? s -> LowRank.transfer(s, rank, p.transfer()) : null);
        }
        return engine.reshapeSpectrum(spectra);
    }

    /**
     * One line per projected layer: its rank, the weights and multiply-adds an example of the
     * factored layer against the dense one's, and the share of sum sigma^2 the kept values held
     * before the last projection (what energy transfer hands on), of the matrix with its batch norm
     * folded in where there is one.
     */
    static List<String> report(NetworkSpec net, List<double[]> sigma, Penalty.Projection p) {
        List<String> out = new ArrayList<>();
        List<String> norms = Norms.after(net);
        for (int l = 0; l < net.layers().size(); l++) {
            if (sigma.get(l) == null) {
                continue;
            }
            int rank = p.rankOf(LowRank.fullRank(net, l));
            out.add(String.format(Locale.ROOT, "lrpet: %s; the kept singular values held %.2f%% of the energy%s",
                    LowRank.describe(net, l, rank), 100 * LowRank.energyKept(sigma.get(l), rank),
                    norms.get(l) == null ? "" : " (batch norm '" + norms.get(l) + "' folded in)"));
        }
        return out;
    }
}

package dev.prune.report;

import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.interp.EpochRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The columns of {@code epochs.csv}: fixed ones, then one sparsity column per layer. */
final class EpochColumns {
    private EpochColumns() {}

    static List<String> header(NetworkSpec network) {
        List<String> h = new ArrayList<>(List.of("phase", "cycle", "epoch", "epochs", "iteration", "iterations",
                "train_loss", "lr", "accuracy", "loss", "val_accuracy", "sparsity", "frozen", "seconds"));
        for (LayerSpec l : network.layers()) {
            h.add("sparsity_" + l.name());
        }
        return h;
    }

    /** A diverged epoch's loss is shown as NaN, not as the empty cell of "not measured". */
    private static String loss(double v) {
        return Double.isNaN(v) ? "NaN" : CycleColumns.num(v);
    }

    static List<String> row(EpochRecord r, NetworkSpec network) {
        List<String> row = new ArrayList<>(List.of(r.phase(), Integer.toString(r.cycle()),
                Integer.toString(r.phaseEpoch()), CycleColumns.num(r.epochs()), Long.toString(r.iteration()),
                Integer.toString(r.iterations()), loss(r.trainLoss()), CycleColumns.num(r.lr()),
                CycleColumns.num(r.accuracy()), CycleColumns.num(r.loss()), CycleColumns.num(r.valAccuracy()),
                CycleColumns.num(r.sparsity()),
                r.frozen().stream().map(i -> network.layers().get(i).name()).collect(Collectors.joining(" ")),
                String.format(Locale.ROOT, "%.3f", r.seconds())));
        for (double s : r.layerSparsity()) {
            row.add(CycleColumns.num(s));
        }
        return row;
    }
}

package dev.prune.report;

import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.interp.CycleRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The columns of {@code cycles.csv}: fixed ones, then one sparsity column per layer. */
final class CycleColumns {
    private CycleColumns() {}

    static List<String> header(NetworkSpec network) {
        List<String> h = new ArrayList<>(List.of("cycle", "sparsity", "accuracy", "loss", "val_accuracy",
                "compression", "speedup", "dnr", "distance", "lr_max", "lr_min", "train_loss", "epochs", "seconds", "retrained",
                "frozen", "seconds_saved", "oracle_lr", "variant"));
        for (LayerSpec l : network.layers()) {
            h.add("sparsity_" + l.name());
        }
        return h;
    }

    static List<String> row(CycleRecord r, NetworkSpec network) {
        List<String> row = new ArrayList<>(List.of(Integer.toString(r.cycle()), num(r.sparsity()), num(r.accuracy()),
                num(r.loss()), num(r.valAccuracy()), num(r.compression()), num(r.speedup()), num(r.dnr()),
                num(r.distance()),
                num(r.lrMax()), num(r.lrMin()), num(r.trainLoss()),
                num(r.epochs()), seconds(r.seconds()), Boolean.toString(r.retrained()),
                r.frozen().stream().map(i -> network.layers().get(i).name()).collect(Collectors.joining(" ")),
                seconds(r.secondsSaved()), num(r.oracleLr()), r.variant()));
        for (double s : r.layerSparsity()) {
            row.add(num(s));
        }
        return row;
    }

    private static String seconds(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Enough digits to compare runs exactly; empty for "not measured". */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
    }
}

package dev.prune.plan;

import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The plan as a table, one row per phase, grouped by sweep variant, with totals at the end. */
public final class PlanText {
    /** Heights of the learning-rate sketch, lowest first; plain ASCII so any terminal shows it. */
    private static final String LEVELS = "_.-=^";
    private static final int SKETCH = 16;

    private PlanText() {}

    public static String render(String name, Planner.Plan plan) {
        StringBuilder out = new StringBuilder();
        NetworkSpec net = plan.network();
        if (net == null || plan.data() == null) {
            return "plan of " + name + ": nothing trains (no model and data)\n";
        }
        out.append(String.format(Locale.ROOT, "plan of %s: %s (%,d weights) on %s, %,d training examples, batch %d, "
                        + "%d iterations per epoch%n", name, net.name(), net.weightCount(), plan.data().name(),
                plan.data().trainCount(), plan.data().batch(), Phases.iterationsPerEpoch(plan.data())));
        if (!net.kept().isEmpty()) {
            out.append("run as saved, not prunable: ").append(net.keptNames()).append('\n');
        }
        double top = plan.rows().stream().flatMap(r -> r.curves().stream())
                .mapToDouble(c -> java.util.Arrays.stream(c).max().orElse(0)).max().orElse(0);
        String layers = net.layers().stream().map(l -> String.format(Locale.ROOT, "%" + width(l) + "s", l.name()))
                .collect(Collectors.joining(" "));
        String header = String.format(Locale.ROOT, "%-9s  %8s  %s  %6s  %9s  %9s  %-" + SKETCH + "s  %-10s  %-6s  %s",
                "phase", "sparsity", layers + "  ", "epochs", "lr max", "lr min", "lr sketch", "lr", "rewind",
                "frozen");
        String variant = null;
        List<String> said = List.of();
        long trained = 0;
        double epochs = 0;
        for (PlanRow r : plan.rows()) {
            if (!r.variant().equals(variant)) {
                variant = r.variant();
                if (!variant.isEmpty()) {
                    out.append("sweep variant ").append(dev.prune.ast.Printer.variantName(variant)).append('\n');
                }
                out.append(header.stripTrailing()).append('\n');
                said = List.of();
            }
            out.append(row(r, top, net).stripTrailing()).append('\n');
            // policies hold until changed, and so do their notes: each is said where it starts
            for (String note : r.notes()) {
                if (!said.contains(note)) {
                    out.append("           ").append(note).append('\n');
                }
            }
            said = r.notes();
            trained += (long) r.iterations() * r.trainings();
            epochs += r.epochs() * r.trainings();
        }
        out.append(String.format(Locale.ROOT, "in all: %,d training iterations (%.3g epochs)%s%n", trained, epochs,
                plan.rows().stream().anyMatch(r -> r.trainings() > 1) ? ", counting each of the oracle's trainings"
                        : ""));
        if (plan.rows().stream().anyMatch(r -> !r.exact())) {
            out.append("~ per-layer sparsity after global pruning depends on the weights; shown spread evenly\n");
        }
        return out.toString();
    }

    /** Per-layer sparsity in percent, each under its layer's name. */
    private static int width(LayerSpec layer) {
        return Math.max(5, layer.name().length());
    }

    private static String row(PlanRow r, double top, NetworkSpec net) {
        StringBuilder perLayer = new StringBuilder();
        for (int l = 0; l < net.layers().size(); l++) {
            double s = l < r.layers().length ? r.layers()[l] : Double.NaN;
            perLayer.append(l == 0 ? "" : " ").append(String.format(Locale.ROOT, "%" + width(net.layers().get(l)) + "s",
                    Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.1f", 100 * s)));
        }
        perLayer.append(r.exact() ? "  " : " ~");
        return String.format(Locale.ROOT, "%-9s  %7.2f%%  %s  %6s  %9s  %9s  %-"
                        + SKETCH + "s  %-10s  %-6s  %s", r.phase(), 100 * r.sparsity(), perLayer,
                r.trains() ? String.format(Locale.ROOT, "%.3g", r.epochs()) : "-", rate(r.lrMax()), rate(r.lrMin()),
                r.curves().isEmpty() ? "" : sketch(r.curves().get(r.curves().size() - 1), top),
                r.trains() ? r.schedule() : "-", r.rewind().isEmpty() ? "" : r.rewind(), r.frozen());
    }

    static String rate(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toString().replace("E", "e");
    }

    /** The curve in {@value #SKETCH} characters, each the mean rate of its stretch, on a scale of 0..top. */
    static String sketch(double[] rates, double top) {
        StringBuilder out = new StringBuilder();
        int n = Math.min(SKETCH, rates.length);
        for (int k = 0; k < n; k++) {
            int from = (int) ((long) k * rates.length / n);
            int to = (int) ((long) (k + 1) * rates.length / n);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += rates[i];
            }
            double mean = sum / Math.max(1, to - from);
            int level = top <= 0 ? 0 : (int) Math.ceil(mean / top * LEVELS.length()) - 1;
            out.append(LEVELS.charAt(Math.max(0, Math.min(LEVELS.length() - 1, level))));
        }
        return out.toString();
    }
}

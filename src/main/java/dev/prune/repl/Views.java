package dev.prune.repl;

import dev.prune.check.PruneSpec;
import dev.prune.engine.LayerKind;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.interp.CycleRecord;
import dev.prune.interp.Interpreter;
import dev.prune.pruning.MaskPlanner;
import dev.prune.report.Console;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What the {@code :show} and {@code :plan} commands print, from the session's state. */
final class Views {
    private Views() {}

    static String shape(LayerSpec l) {
        return l.kind() == LayerKind.CONV ? l.nIn() + "x" + l.kernel() + "x" + l.kernel() + "->" + l.nOut()
                : l.nIn() + "->" + l.nOut();
    }

    static String model(Session session) {
        StringBuilder out = new StringBuilder();
        NetworkSpec network = session.network();
        Map<String, String> settings = session.log().settings();
        if (network != null) {
            out.append(Session.describe(network)).append('\n');
        }
        settings.forEach((name, text) -> out.append(String.format(Locale.ROOT, "  %-9s %s%n", name,
                text != null ? text.substring(name.length() + 1) : name.equals("optimizer") ? "sgd() (default)"
                        : name.equals("seed") ? "0 (default)" : "none yet")));
        Interpreter interp = session.interpreter();
        out.append(String.format(Locale.ROOT, "  %-9s %s%n", "engine", interp.started() ? interp.engineDescription()
                : "not built yet (the first train, prune or run builds it)"));
        if (interp.started()) {
            out.append(String.format(Locale.ROOT, "  %-9s %d completed, sparsity %s%n", "cycles", interp.cycles(),
                    percent(overall(network, interp.layerSparsity()))));
        }
        if (session.runDirectory() != null) {
            out.append(String.format(Locale.ROOT, "  %-9s %s%n", "run dir", session.runDirectory()));
        }
        return out.toString();
    }

    static String layers(Session session) {
        NetworkSpec network = session.network();
        if (network == null) {
            return "no model yet: add 'model ...' and 'data ...'\n";
        }
        double[] sparsity = session.interpreter().layerSparsity();
        Set<Integer> frozen = session.interpreter().frozen();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%5s  %-6s  %-6s  %-14s  %9s  %8s  %s%n",
                "index", "layer", "kind", "shape", "weights", "sparsity", "frozen"));
        for (int i = 0; i < network.layers().size(); i++) {
            LayerSpec l = network.layers().get(i);
            out.append(String.format(Locale.ROOT, "%5d  %-6s  %-6s  %-14s  %9d  %8s  %s%n", i, l.name(), l.kind().word(),
                    shape(l), l.weightCount(), sparsity.length == 0 ? "-" : percent(sparsity[i]),
                    frozen.contains(i) ? "yes" : "no").stripTrailing() + "\n");
        }
        return out.toString();
    }

    static String policies(Session session) {
        StringBuilder out = new StringBuilder();
        session.log().policies().forEach((name, text) -> out.append(String.format(Locale.ROOT, "  %-9s %s%n", name,
                text != null ? text : name.equals("rewind") ? "none (default)" : "none")));
        return out.toString();
    }

    static String results(Session session) {
        List<CycleRecord> records = session.interpreter().records();
        if (records.isEmpty()) {
            return "no cycles yet: 'run N cycles' records them\n";
        }
        StringWriter text = new StringWriter();
        Console table = new Console(new PrintWriter(text), false);
        records.forEach(r -> table.cycle(r, session.network()));
        return text.toString();
    }

    /** The cycle as the next 'run' would execute it, in order, with the pruning it would do. */
    static String plan(Session session) {
        Map<String, String> p = session.log().policies();
        if (p.get("prune") == null) {
            return "no pruning policy: 'run' needs one, e.g. 'prune l1 by 20% every cycle'\n";
        }
        Interpreter interp = session.interpreter();
        StringBuilder out = new StringBuilder("each cycle of the next 'run'" + (interp.started()
                ? ", from cycle " + (interp.cycles() + 1) : "") + ":\n");
        out.append("  1 prune     ").append(p.get("prune")).append('\n');
        out.append("  2 rewind    ").append(p.get("rewind") != null ? p.get("rewind") : "none").append('\n');
        out.append("  3 freeze    ").append(p.get("freeze") != null ? p.get("freeze") : "nothing").append('\n');
        String lr = p.get("lr") != null ? p.get("lr") : "no lr policy";
        String retrain = p.get("retrain");
        out.append("  4 retrain   ").append(retrain == null ? "nothing: no retrain policy"
                : retrain.contains(" lr ") ? retrain : retrain + " with " + lr).append(p.get("finetune") != null ? ", only " + p.get("finetune") : "")
                .append('\n');
        out.append("  5 evaluate  test split (and validation, when the data holds some out), then record a row\n");
        PruneSpec spec = session.prunePolicy();
        NetworkSpec network = session.network();
        if (spec != null && spec.rate() > 0 && network != null) {
            out.append("sparsity after each of the next 5 cycles: ")
                    .append(String.join(", ", ahead(network, interp.layerSparsity(), spec, 5))).append('\n');
        }
        return out.toString();
    }

    /** Overall sparsity after each of the next cycles: exact counts, as the mask planner removes them. */
    static List<String> ahead(NetworkSpec network, double[] sparsity, PruneSpec spec, int cycles) {
        int n = network.layers().size();
        long[] kept = new long[n];
        long total = 0;
        for (int l = 0; l < n; l++) {
            long size = network.layers().get(l).weightCount();
            kept[l] = sparsity.length == 0 ? size : Math.round((1 - sparsity[l]) * size);
            total += size;
        }
        List<String> out = new ArrayList<>();
        for (int c = 0; c < cycles; c++) {
            if (spec.global()) {
                long remaining = 0;
                for (int l : spec.layers()) {
                    remaining += kept[l];
                }
                long removed = MaskPlanner.count(spec.rate(), remaining);
                // Globally the removed weights fall where the scores say; only the total is known ahead.
                kept[spec.layers().iterator().next()] -= removed;
            } else {
                for (int l : spec.layers()) {
                    kept[l] -= MaskPlanner.count(spec.rate(), kept[l]);
                }
            }
            long left = 0;
            for (long k : kept) {
                left += k;
            }
            out.add(percent(1 - (double) left / total));
        }
        return out;
    }

    static double overall(NetworkSpec network, double[] sparsity) {
        if (network == null || sparsity.length == 0) {
            return 0;
        }
        double zeros = 0;
        for (int l = 0; l < sparsity.length; l++) {
            zeros += sparsity[l] * network.layers().get(l).weightCount();
        }
        return zeros / network.weightCount();
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }
}

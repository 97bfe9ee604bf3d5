package dev.prune.repl;

import dev.prune.check.Step;
import dev.prune.engine.LayerKind;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.interp.CycleRecord;
import dev.prune.interp.Interpreter;
import dev.prune.plan.PlanRow;
import dev.prune.plan.PlanText;
import dev.prune.plan.Planner;
import dev.prune.report.Console;
import dev.prune.source.Span;
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
        if (!network.kept().isEmpty()) {
            out.append("run as saved, not prunable: ").append(network.keptNames()).append('\n');
        }
        if (network.nodes().size() > network.layers().size()) {
            out.append(nodes(network));
        }
        return out.toString();
    }

    /** Every node of the graph with the nodes it reads and its output shape. */
    static String nodes(NetworkSpec network) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nnodes:%n"));
        for (dev.prune.engine.Node n : network.nodes()) {
            out.append(String.format(Locale.ROOT, "  %-28s %-15s %-12s <- %s%n", n.name(),
                    n.kind() == dev.prune.engine.NodeKind.KEPT ? "kept " + n.keptType() : n.kind().word(),
                    network.shape(n.name()), String.join(", ", n.inputs())));
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

    /**
     * The next {@code run N cycles} as {@code prune plan} would show it: the planner walks the
     * session's statements, then N more cycles, and only those cycles' rows are shown.
     */
    static String plan(Session session, int cycles) {
        if (session.log().policies().get("prune") == null) {
            return "no pruning policy: 'run' needs one, e.g. 'prune l1 by 20% every cycle'\n";
        }
        List<Step> steps = new ArrayList<>(session.steps());
        Planner.Plan before = Planner.plan(steps, session.registry());
        steps.add(new Step.RunCycles(Span.none(), cycles));
        Planner.Plan after = Planner.plan(steps, session.registry());
        List<PlanRow> next = after.rows().subList(before.rows().size(), after.rows().size());
        return PlanText.render("'run " + cycles + (cycles == 1 ? " cycle'" : " cycles'") + " from here",
                new Planner.Plan(after.network(), after.data(), next));
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

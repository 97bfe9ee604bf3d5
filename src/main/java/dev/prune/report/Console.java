package dev.prune.report;

import dev.prune.engine.CompactResult;
import dev.prune.engine.EvalResult;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.interp.CycleRecord;
import dev.prune.interp.EpochRecord;
import dev.prune.interp.PhaseStart;
import dev.prune.interp.RunListener;
import dev.prune.interp.Snapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The console view of a run: a table row per cycle as it ends, and while training a progress
 * line with the time left (redrawn in place on a terminal), or one line per epoch when the output
 * is not a terminal, so logs stay readable.
 */
public final class Console implements RunListener {
    private static final String HEADER = String.format(Locale.ROOT,
            "%5s  %8s  %8s  %7s  %8s  %8s  %6s  %9s  %7s  %8s  %s", "cycle", "sparsity", "accuracy", "loss",
            "compress", "speed-up", "dnr", "lr max", "epochs", "seconds", "notes");

    private final PrintWriter out;
    private final boolean terminal;
    private final Progress progress = new Progress();
    private boolean progressShown;
    private List<Integer> lastFrozen = List.of();
    private long lastDraw;

    public Console(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void network(NetworkSpec network, String engine) {
        String layers = network.layers().stream().map(l -> l.name() + " " + shape(l)).collect(Collectors.joining(", "));
        out.println("model " + network.name() + ": " + layers + " (" + network.weightCount() + " weights)");
        out.println("engine " + engine);
        out.flush();
    }

    @Override
    public void resumed(Snapshot snapshot, NetworkSpec network, String engine) {
        network(network, engine);
        out.println("continuing after cycle " + snapshot.cycles() + " from the checkpoint");
        out.println(HEADER);
        snapshot.records().forEach(r -> row(r, network));
        out.flush();
    }

    private static String shape(LayerSpec l) {
        return l.kind() == dev.prune.engine.LayerKind.CONV
                ? l.nIn() + "x" + l.kernel() + "x" + l.kernel() + "->" + l.nOut() : l.nIn() + "->" + l.nOut();
    }

    @Override
    public void phase(PhaseStart start) {
        progress.start(start);
    }

    @Override
    public void progress(String phase, int iteration, int total, double loss) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (iteration < total && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        out.print("\r" + progress.line(iteration, total, loss) + "  ");
        out.flush();
        progressShown = true;
    }

    @Override
    public void epochEnded(EpochRecord r, NetworkSpec network) {
        if (terminal) {
            return;
        }
        String accuracy = Double.isNaN(r.accuracy()) ? ""
                : String.format(Locale.ROOT, ", accuracy %.2f%%", 100 * r.accuracy());
        out.println(String.format(Locale.ROOT, "  %s epoch %d%s: loss %.4f, lr %.4g%s, %.1f s", r.phase(), r.phaseEpoch(),
                progress.epochsOfPhase(), r.trainLoss(), r.lr(), accuracy, r.seconds()));
        out.flush();
    }

    /** Ends a progress line that is still drawn, keeping it: the REPL calls it when a statement is done. */
    public void endLine() {
        if (progressShown) {
            out.println();
            out.flush();
            progressShown = false;
        }
    }

    private void clearProgress() {
        if (progressShown) {
            out.print("\r" + " ".repeat(100) + "\r");
            progressShown = false;
        }
    }

    @Override
    public void cycle(CycleRecord r, NetworkSpec network) {
        clearProgress();
        progress.cycleDone(r);
        if (r.cycle() == 0) {
            out.println(HEADER);
            lastFrozen = List.of();
        }
        row(r, network);
        lastFrozen = r.frozen();
        out.flush();
    }

    private void row(CycleRecord r, NetworkSpec network) {
        out.println(String.format(Locale.ROOT, "%5d  %7.2f%%  %7.2f%%  %7.4f  %8s  %8s  %6s  %9s  %7s  %8.1f  %s",
                r.cycle(), 100 * r.sparsity(), 100 * r.accuracy(), r.loss(), times(r.compression()),
                times(r.speedup()), Double.isNaN(r.dnr()) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * r.dnr()),
                Double.isNaN(r.lrMax()) ? "-" : String.format(Locale.ROOT, "%.4g", r.lrMax()),
                r.retrained() ? String.format(Locale.ROOT, "%.3g", r.epochs()) : "-", r.seconds(),
                notes(r, network)).stripTrailing());
    }

    /** What the fixed columns cannot say: a skipped fine-tuning, the oracle's choice, newly frozen layers. */
    private String notes(CycleRecord r, NetworkSpec network) {
        List<String> notes = new ArrayList<>();
        if (r.skipped()) {
            notes.add(Double.isNaN(r.secondsSaved()) ? "fine-tuning skipped"
                    : String.format(Locale.ROOT, "fine-tuning skipped, ~%.1f s saved", r.secondsSaved()));
        }
        if (!Double.isNaN(r.oracleLr())) {
            notes.add("oracle chose " + SweepTable.rate(r.oracleLr()));
        }
        if (!r.frozen().equals(lastFrozen)) {
            notes.add(r.frozen().isEmpty() ? "all unfrozen" : "frozen: " + r.frozen().stream()
                    .map(i -> network.layers().get(i).name()).collect(Collectors.joining(" ")));
        }
        return String.join("; ", notes);
    }

    private static String times(double x) {
        return Double.isNaN(x) ? "-" : Double.isInfinite(x) ? "inf" : String.format(Locale.ROOT, "%.2fx", x);
    }

    @Override
    public void compacted(NetworkSpec before, NetworkSpec after, CompactResult result, Path file) {
        clearProgress();
        List<String> changed = new ArrayList<>();
        for (int l = 0; l < before.layers().size(); l++) {
            LayerSpec b = before.layers().get(l);
            LayerSpec a = after.layers().get(l);
            if (a.nOut() != b.nOut()) {
                changed.add(b.name() + " " + b.nOut() + "->" + a.nOut());
            }
        }
        out.println("compact: " + (changed.isEmpty() ? "no unit removed" : String.join(", ", changed)));
        out.println(String.format(Locale.ROOT, "compact: %,d -> %,d parameters, %,d -> %,d multiply-adds per example; "
                + "outputs within %.2g of the masked network's", before.parameterCount(), after.parameterCount(),
                before.multiplyAdds(), after.multiplyAdds(), result.maxDifference()));
        out.println(String.format(Locale.ROOT, "compact: inference on %d test examples takes %.4f s masked, %.4f s "
                + "compact (%.2fx, CPU time)", result.examples(), result.maskedSeconds(), result.compactSeconds(),
                result.maskedSeconds() / result.compactSeconds()) + (file == null ? "" : "; saved " + file));
        out.flush();
    }

    @Override
    public void evaluated(EvalResult result, double sparsity) {
        clearProgress();
        out.println(String.format(Locale.ROOT, "evaluate: accuracy %.2f%%, loss %.4f at sparsity %.2f%% (%d examples)",
                100 * result.accuracy(), result.loss(), 100 * sparsity, result.examples()));
        out.flush();
    }

    @Override
    public void expectation(String claim, boolean held, String detail) {
        clearProgress();
        out.println((held ? "expect held: " : "expect FAILED: ") + claim + " (" + detail + ")");
        out.flush();
    }

    @Override
    public void saved(Path file) {
        out.println("saved " + file);
        out.flush();
    }

    @Override
    public void report(List<CycleRecord> records, NetworkSpec network) {
        clearProgress();
        String saving = Savings.of(records).sentence();
        if (!saving.isEmpty()) {
            out.println(saving);
            out.flush();
        }
    }

    @Override
    public void variant(String sweep, String label, String variant, int index, int count) {
        clearProgress();
        lastFrozen = List.of();     // each variant's first row says what it froze
        out.println(String.format(Locale.ROOT, "sweep %s, variant %d of %d: %s", sweep, index + 1, count,
                dev.prune.ast.Printer.variantName(variant)));
        out.flush();
    }

    @Override
    public void sweep(String sweep, List<String> labels, List<List<CycleRecord>> results, NetworkSpec network) {
        clearProgress();
        out.print(SweepTable.render(sweep, labels, results));
        out.flush();
    }

    @Override
    public void message(String text) {
        clearProgress();
        out.println(text);
        out.flush();
    }
}

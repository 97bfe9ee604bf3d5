package dev.prune.report;

import dev.prune.engine.EpochStats;
import dev.prune.engine.EvalResult;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.interp.CycleRecord;
import dev.prune.interp.RunListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The console view of a run: a table row per cycle as it ends, a progress line while training
 * (redrawn in place on a terminal, one line per epoch otherwise, so logs stay readable).
 */
public final class Console implements RunListener {
    private static final String HEADER = String.format(Locale.ROOT, "%5s  %8s  %8s  %7s  %9s  %7s  %8s  %s",
            "cycle", "sparsity", "accuracy", "loss", "lr max", "epochs", "seconds", "notes");

    private final PrintWriter out;
    private final boolean terminal;
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

    private static String shape(LayerSpec l) {
        return l.kind() == dev.prune.engine.LayerKind.CONV
                ? l.nIn() + "x" + l.kernel() + "x" + l.kernel() + "->" + l.nOut() : l.nIn() + "->" + l.nOut();
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
        int width = 30;
        int done = (int) ((long) width * iteration / Math.max(1, total));
        out.print(String.format(Locale.ROOT, "\r  %-9s [%s%s] %3d%%  loss %.4f ", phase, "=".repeat(done),
                " ".repeat(width - done), 100L * iteration / Math.max(1, total), loss));
        out.flush();
        progressShown = true;
    }

    @Override
    public void epoch(String phase, EpochStats stats) {
        if (terminal) {
            return;
        }
        out.println(String.format(Locale.ROOT, "  %s epoch %d: loss %.4f, lr %.4g, %.1f s", phase, stats.epoch() + 1,
                stats.meanLoss(), stats.lastLr(), stats.seconds()));
        out.flush();
    }

    private void clearProgress() {
        if (progressShown) {
            out.print("\r" + " ".repeat(70) + "\r");
            progressShown = false;
        }
    }

    @Override
    public void cycle(CycleRecord r, NetworkSpec network) {
        clearProgress();
        if (r.cycle() == 0) {
            out.println(HEADER);
            lastFrozen = List.of();
        }
        out.println(String.format(Locale.ROOT, "%5d  %7.2f%%  %7.2f%%  %7.4f  %9s  %7s  %8.1f  %s", r.cycle(),
                100 * r.sparsity(), 100 * r.accuracy(), r.loss(),
                Double.isNaN(r.lrMax()) ? "-" : String.format(Locale.ROOT, "%.4g", r.lrMax()),
                r.retrained() ? String.format(Locale.ROOT, "%.3g", r.epochs()) : "-", r.seconds(),
                notes(r, network)).stripTrailing());
        lastFrozen = r.frozen();
        out.flush();
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
    public void variant(String sweep, String label, int index, int count) {
        clearProgress();
        lastFrozen = List.of();     // each variant's first row says what it froze
        out.println(String.format(Locale.ROOT, "sweep %s, variant %d of %d: %s = %s", sweep, index + 1, count, sweep,
                label));
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

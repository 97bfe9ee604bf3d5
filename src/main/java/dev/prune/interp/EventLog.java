package dev.prune.interp;

import dev.prune.data.DataSplit;
import dev.prune.engine.CompactResult;
import dev.prune.engine.EpochStats;
import dev.prune.engine.EvalResult;
import dev.prune.engine.NetworkSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The events of a variant that trains beside others, kept in order until they can be passed on:
 * the variant's thread writes, the run's thread replays them into the run's listeners (which are
 * never called from two threads), as they come for the variant whose turn it is. A variant ends
 * with {@link #end()} or {@link #fail}.
 */
final class EventLog implements RunListener {
    /** The end of a variant's events: normal when {@code failure} is null. */
    private record End(Throwable failure) {}

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();

    private void add(Consumer<RunListener> event) {
        queue.add(event);
    }

    void end() {
        queue.add(new End(null));
    }

    void fail(Throwable failure) {
        queue.add(new End(failure));
    }

    /**
     * Passes every event to {@code to} in order, waiting for the variant as it goes, until its end;
     * then returns, or rethrows what stopped the variant.
     */
    @SuppressWarnings("unchecked")
    void replayInto(RunListener to) throws InterruptedException {
        while (true) {
            Object next = queue.take();
            if (next instanceof End end) {
                if (end.failure() instanceof RuntimeException e) {
                    throw e;
                }
                if (end.failure() instanceof Error e) {
                    throw e;
                }
                if (end.failure() != null) {
                    throw new IllegalStateException(end.failure());
                }
                return;
            }
            ((Consumer<RunListener>) next).accept(to);
        }
    }

    @Override
    public void network(NetworkSpec network, String engine) {
        add(l -> l.network(network, engine));
    }

    @Override
    public void progress(String phase, int iteration, int total, double loss) {
        add(l -> l.progress(phase, iteration, total, loss));
    }

    @Override
    public void epoch(String phase, EpochStats stats) {
        add(l -> l.epoch(phase, stats));
    }

    @Override
    public void built(NetworkSpec network, DataSplit data, long seed, Map<String, String> engine) {
        add(l -> l.built(network, data, seed, engine));
    }

    @Override
    public void phase(PhaseStart start) {
        add(l -> l.phase(start));
    }

    @Override
    public void penalty(String phase, String penalty) {
        add(l -> l.penalty(phase, penalty));
    }

    @Override
    public void epochEnded(EpochRecord record, NetworkSpec network) {
        add(l -> l.epochEnded(record, network));
    }

    @Override
    public void resumed(Snapshot snapshot, NetworkSpec network, String engine) {
        add(l -> l.resumed(snapshot, network, engine));
    }

    @Override
    public void cycle(CycleRecord record, NetworkSpec network) {
        add(l -> l.cycle(record, network));
    }

    @Override
    public void evaluated(EvalResult result, double sparsity) {
        add(l -> l.evaluated(result, sparsity));
    }

    @Override
    public void expectation(String claim, boolean held, String detail) {
        add(l -> l.expectation(claim, held, detail));
    }

    @Override
    public void saved(Path file) {
        add(l -> l.saved(file));
    }

    @Override
    public void compacted(NetworkSpec before, NetworkSpec after, CompactResult result, Path file) {
        add(l -> l.compacted(before, after, result, file));
    }

    @Override
    public void report(List<CycleRecord> records, NetworkSpec network) {
        add(l -> l.report(records, network));
    }

    @Override
    public void message(String text) {
        add(l -> l.message(text));
    }

    @Override
    public void variant(String sweep, String label, String variant, int index, int count) {
        add(l -> l.variant(sweep, label, variant, index, count));
    }

    @Override
    public void sweep(String sweep, List<String> variants, List<List<CycleRecord>> results, NetworkSpec network) {
        add(l -> l.sweep(sweep, variants, results, network));
    }
}

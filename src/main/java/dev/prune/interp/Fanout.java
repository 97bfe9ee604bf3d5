package dev.prune.interp;

import dev.prune.data.DataSplit;
import dev.prune.engine.CompactResult;
import dev.prune.engine.EpochStats;
import dev.prune.engine.EvalResult;
import dev.prune.engine.NetworkSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Sends each event to several listeners. */
final class Fanout implements RunListener {
    private final List<RunListener> listeners;

    Fanout(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void network(NetworkSpec network, String engine) {
        listeners.forEach(l -> l.network(network, engine));
    }

    @Override
    public void progress(String phase, int iteration, int total, double loss) {
        listeners.forEach(l -> l.progress(phase, iteration, total, loss));
    }

    @Override
    public void epoch(String phase, EpochStats stats) {
        listeners.forEach(l -> l.epoch(phase, stats));
    }

    @Override
    public void built(NetworkSpec network, DataSplit data, long seed, Map<String, String> engine) {
        listeners.forEach(l -> l.built(network, data, seed, engine));
    }

    @Override
    public void phase(PhaseStart start) {
        listeners.forEach(l -> l.phase(start));
    }

    @Override
    public void epochEnded(EpochRecord record, NetworkSpec network) {
        listeners.forEach(l -> l.epochEnded(record, network));
    }

    @Override
    public void resumed(Snapshot snapshot, NetworkSpec network, String engine) {
        listeners.forEach(l -> l.resumed(snapshot, network, engine));
    }

    @Override
    public void cycle(CycleRecord record, NetworkSpec network) {
        listeners.forEach(l -> l.cycle(record, network));
    }

    @Override
    public void evaluated(EvalResult result, double sparsity) {
        listeners.forEach(l -> l.evaluated(result, sparsity));
    }

    @Override
    public void expectation(String claim, boolean held, String detail) {
        listeners.forEach(l -> l.expectation(claim, held, detail));
    }

    @Override
    public void saved(Path file) {
        listeners.forEach(l -> l.saved(file));
    }

    @Override
    public void compacted(NetworkSpec before, NetworkSpec after, CompactResult result, Path file) {
        listeners.forEach(l -> l.compacted(before, after, result, file));
    }

    @Override
    public void report(List<CycleRecord> records, NetworkSpec network) {
        listeners.forEach(l -> l.report(records, network));
    }

    @Override
    public void message(String text) {
        listeners.forEach(l -> l.message(text));
    }

    @Override
    public void variant(String sweep, String label, String variant, int index, int count) {
        listeners.forEach(l -> l.variant(sweep, label, variant, index, count));
    }

    @Override
    public void sweep(String sweep, List<String> labels, List<List<CycleRecord>> results, NetworkSpec network) {
        listeners.forEach(l -> l.sweep(sweep, labels, results, network));
    }
}

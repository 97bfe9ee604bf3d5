package dev.prune.interp;

import dev.prune.data.DataSplit;
import dev.prune.engine.CompactResult;
import dev.prune.engine.EpochStats;
import dev.prune.engine.EvalResult;
import dev.prune.engine.NetworkSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What a run reports as it goes; every method has a do-nothing default. */
public interface RunListener {

    default void network(NetworkSpec network, String engine) {}

    /** @param phase e.g. "train" or "cycle 3" */
    default void progress(String phase, int iteration, int total, double loss) {}

    default void epoch(String phase, EpochStats stats) {}

    /** After the network is built: the data it trains on, the seed it used and the engine's versions, by name. */
    default void built(NetworkSpec network, DataSplit data, long seed, Map<String, String> engine) {}

    /** Before each training phase, with the learning rate of every iteration. */
    default void phase(PhaseStart start) {}

    /** After each epoch, with its row of the epoch table. */
    default void epochEnded(EpochRecord record, NetworkSpec network) {}

    /** A run continues from a checkpoint (instead of {@link #network} at its first build). */
    default void resumed(Snapshot snapshot, NetworkSpec network, String engine) {}

    default void cycle(CycleRecord record, NetworkSpec network) {}

    default void evaluated(EvalResult result, double sparsity) {}

    default void expectation(String claim, boolean held, String detail) {}

    default void saved(Path file) {}

    /** A compact network was built from {@code before}; {@code file} is null when it was not saved. */
    default void compacted(NetworkSpec before, NetworkSpec after, CompactResult result, Path file) {}

    default void report(List<CycleRecord> records, NetworkSpec network) {}

    default void message(String text) {}

    /**
     * A sweep variant starts: {@code index} counts from 0 of {@code count}; {@code label} is the value
     * as written or the block's name; {@code variant} the full name the records carry ("rate=20%", and
     * for a sweep inside a sweep "a=1,b=init").
     */
    default void variant(String sweep, String label, String variant, int index, int count) {}

    /**
     * The outermost sweep has run all its variants: each variant's cycle records, in the order of
     * {@code variants} (full names; a grid of nested sweeps lists every combination).
     */
    default void sweep(String sweep, List<String> variants, List<List<CycleRecord>> results, NetworkSpec network) {}

    /** Composes listeners; each event goes to all, in order. */
    static RunListener all(List<RunListener> listeners) {
        return new Fanout(listeners);
    }
}

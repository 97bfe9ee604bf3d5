package dev.prune.builtins;

import dev.prune.data.DataException;
import dev.prune.data.DataSplit;
import java.util.Optional;

/** A dataset as a recipe names it: its shape and batch size are known before anything is read. */
public interface DataSource {
    String name();

    DataShape shape();

    int batch();

    /** Number of training examples after limits and the validation hold-out. */
    int trainCount();

    /** Number of training examples held out for validation; 0 when there is no validation split. */
    int validationCount();

    DataSplit load(long seed) throws DataException;

    /**
     * The sentence {@link #load} would fail with, when it can be told cheaply (a missing folder or
     * file, a file of the wrong size) without reading the data: {@code prune check} reports it at
     * the data line. Empty when nothing is known to be wrong.
     */
    default Optional<String> problem() {
        return Optional.empty();
    }
}

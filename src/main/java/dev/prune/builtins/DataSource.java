package dev.prune.builtins;

import dev.prune.data.DataException;
import dev.prune.data.DataSplit;

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
}

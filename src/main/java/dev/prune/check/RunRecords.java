package dev.prune.check;

import java.nio.file.Path;
import java.util.Set;

/**
 * The names a run directory keeps for its own records. A recipe may not {@code save} or
 * {@code compact} over them: the checker says so before anything runs, because a model written over
 * {@code cycles.csv} or {@code recipe.prune} would destroy the record of the run that made it.
 * {@code RecordsTest} holds this list to the files a run actually writes.
 */
public final class RunRecords {
    public static final Set<String> NAMES = Set.of("recipe.prune", "manifest.json", "summary.md",
            "accuracy_sparsity.png", "lr.png", "layer_sparsity.png", "cycles.csv", "cycles.jsonl", "epochs.csv",
            "epochs.jsonl", "lr.csv", "expectations.jsonl", "compact.csv", "checkpoint", "imports", "run.lock");

    private RunRecords() {}

    /** The record a relative path would write over (or inside), or null. */
    static String overwritten(Path relative) {
        if (relative.isAbsolute() || relative.getNameCount() == 0) {
            return null;
        }
        String first = relative.getName(0).toString();
        String base = first.endsWith(".tmp") ? first.substring(0, first.length() - ".tmp".length()) : first;
        return NAMES.contains(base) ? base : null;
    }
}

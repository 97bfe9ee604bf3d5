/**
 * What a run shows and leaves behind: the console table and progress line (with a sweep's variants
 * side by side, and the time skipped fine-tuning saved); the run directory's tables ({@code cycles},
 * {@code epochs}, {@code lr}, {@code expectations}), {@code manifest.json}, checkpoints, and
 * {@code summary.md} with its XChart plots; and the comparison of two runs for {@code prune replay}.
 * The writers are {@link dev.prune.interp.RunListener}s, so they see exactly the events the
 * interpreter reports; the summary and comparisons read the files back, so they cover a resumed
 * run's cycles from before the interruption too.
 */
package dev.prune.report;

/**
 * What a run shows and leaves behind: the per-cycle table on the console (with a sweep's variants
 * side by side, and the time skipped fine-tuning saved), and the run
 * directory's files ({@code recipe.prune}, {@code cycles.csv}, {@code manifest.json}). Both are
 * {@link dev.prune.interp.RunListener}s, so they see exactly the events the interpreter reports.
 */
package dev.prune.report;

/**
 * Labelled image data for pruning experiments: readers for MNIST-format IDX files
 * (Fashion-MNIST from Debian's {@code dataset-fashion-mnist} package or any folder),
 * a built-in procedural {@link dev.prune.data.Shapes} dataset that needs no files,
 * and the seeded shuffles, splits and fingerprints that make a run reproducible.
 *
 * <p>Everything here is plain Java on {@code float[]}/{@code int[]} so that loading
 * and validating data never depends on the numeric backend; converting a
 * {@link dev.prune.data.Dataset} into backend arrays is the trainer's job.
 */
package dev.prune.data;

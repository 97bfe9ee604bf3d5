/**
 * {@code prune bench}: one run that measures training, pruning, inference, checking and memory
 * side by side with plain DL4J and a PyTorch peer, and writes the table as CSV. Not part of the
 * product's run path: nothing in the core depends on it, and only its DL4J half
 * ({@link dev.prune.dl4j.Dl4jBench}) touches ND4J.
 */
package dev.prune.bench;

/**
 * Pruning arithmetic on plain arrays: criteria turn weights (and, for some, gradients,
 * activations or earlier weights, asked through a {@link dev.prune.pruning.Probe}) into scores;
 * {@link dev.prune.pruning.MaskPlanner} turns scores of single weights, and
 * {@link dev.prune.pruning.UnitPlanner} scores of whole neurons and filters, into masks at an exact
 * amount, layer by layer or globally. {@link dev.prune.pruning.Compaction} decides the physically
 * smaller network and {@link dev.prune.pruning.Cost} the per-cycle compression, speed-up and dead
 * neuron rate. Being pure, every score and mask is unit-tested on small hand-computed tensors; the
 * engine only computes gradients and activations and applies the masks it is given.
 */
package dev.prune.pruning;

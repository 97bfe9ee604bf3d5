/**
 * Pruning arithmetic on plain arrays: criteria turn weights (and, for some, gradients or
 * activations) into scores, and {@link dev.prune.pruning.MaskPlanner} turns scores into masks at
 * an exact amount, layer by layer or globally. Being pure, every score and mask is unit-tested on
 * small hand-computed tensors; the engine only applies the masks it is given.
 */
package dev.prune.pruning;

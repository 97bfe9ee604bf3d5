/**
 * {@code prune plan}: what a checked recipe will do, cycle by cycle, without training and without
 * starting ND4J — target sparsity (per layer when it is known ahead), the learning rate of every
 * iteration, epochs, rewinds and freeze rules — and a picture of the learning rate over the whole
 * run. It follows the interpreter's rules with the pure pieces the interpreter uses (schedules,
 * pruning amounts); what only training can tell (accuracy, each layer's change) is named as decided
 * at run time.
 */
package dev.prune.plan;

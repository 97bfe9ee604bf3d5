/**
 * When to end a training before its full length: pure rules fed one validation loss per epoch,
 * unit-tested on hand-written loss sequences; the interpreter asks the engine for the losses.
 */
package dev.prune.stopping;

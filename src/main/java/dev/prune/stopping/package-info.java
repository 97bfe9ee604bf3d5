/**
 * When to end a training before its full length: pure rules fed one value per epoch (the
 * validation loss for early stopping, a channel mask for early-bird tickets), unit-tested on
 * hand-written sequences; the interpreter asks the engine for the losses and masks.
 */
package dev.prune.stopping;

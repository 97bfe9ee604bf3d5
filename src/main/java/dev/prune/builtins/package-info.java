/**
 * The one registry of builtins: every criterion, schedule, model, dataset, optimizer and metric
 * declares its name, parameters (type, unit, range, default) and a one-line doc here. The checker
 * binds and checks arguments against it, the REPL completes from it and {@code prune doc} prints
 * it, so the three can never disagree. Each kind registers itself from one {@code *Builtins} class.
 */
package dev.prune.builtins;

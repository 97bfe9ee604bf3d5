/**
 * The checker: everything that can be known before training is checked here, and a recipe that
 * passes is lowered to {@link dev.prune.check.Step}s with every builtin bound and every constant
 * computed. The interpreter executes steps and only evaluates the conditions that depend on
 * metrics; {@code prune check}, {@code plan} and the REPL use the same checker, so a recipe that
 * checks never fails later on a name, a unit or a layer.
 */
package dev.prune.check;

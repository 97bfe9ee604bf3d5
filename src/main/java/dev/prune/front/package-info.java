/**
 * The one way from source text to checked steps: parse, read imports, check, every stage's
 * problems collected together. {@code prune check}, {@code run} and {@code plan}, the REPL, the
 * language server and the tests all go through {@link dev.prune.front.FrontEnd}, so a recipe gets
 * the same diagnostics and the same steps wherever it is read.
 */
package dev.prune.front;

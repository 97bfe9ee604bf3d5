/**
 * Source text, positions and diagnostics. Every later stage reports problems as {@link
 * dev.prune.source.Diagnostic} values against a {@link dev.prune.source.Span}; they are collected,
 * never thrown on the first, and rendered in one place so that files, the REPL and tests all show
 * the same {@code file:line:col: error: message} with the source line and a caret.
 */
package dev.prune.source;

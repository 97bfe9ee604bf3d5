/**
 * {@code prune lsp}: a Language Server over standard input and output, on LSP4J. It adds no
 * knowledge of its own: diagnostics come from the front end ({@code prune check}'s), completion
 * from the REPL's completion, hover from {@code prune doc}'s reference and formatting from
 * {@code prune fmt}, so an editor and the command line never disagree. Nothing in the language
 * core depends on it, and only this package sees LSP4J's types.
 */
package dev.prune.lsp;

/**
 * ANTLR wiring. The generated lexer and parser (package {@code dev.prune.parser.gen}, built from
 * the top-level {@code grammar/} folder) stay behind {@link dev.prune.parser.RecipeParser}: syntax
 * errors become positioned diagnostics and the parse tree is turned into the AST by a
 * package-private builder, so nothing else in the project sees ANTLR types.
 */
package dev.prune.parser;

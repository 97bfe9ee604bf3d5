/**
 * {@code prune fmt}: the canonical layout of a recipe, from the lexer's tokens so that comments
 * and blank lines survive. It never needs the checker or an engine, and it refuses to write a
 * layout that parses to different statements than the original.
 */
package dev.prune.format;

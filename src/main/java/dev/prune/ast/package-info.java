/**
 * The immutable recipe AST: sealed interfaces of records, every node with its source span. It is
 * built once by the parser and then only read — by the checker, the interpreter, the formatter
 * and the planner — so each of them can be tested without ANTLR and without DL4J.
 */
package dev.prune.ast;

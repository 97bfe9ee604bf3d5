/**
 * {@code prune repl}: a thin tool over an eval API. {@link dev.prune.repl.Session} checks and runs
 * entries on one interpreter and keeps the statements that changed it; {@link dev.prune.repl.Repl}
 * is the loop; {@link dev.prune.repl.Commands} holds the {@code :} commands in one table;
 * completion, highlighting and continuation lines ask the grammar's lexer and parser.
 */
package dev.prune.repl;

/**
 * {@code prune study}: one recipe expanded into runs over seeds and grid values, each run a
 * separate {@code prune run} process in its own directory inside the study directory, then their
 * cycle tables gathered into {@code study.csv}, mean ± std per cycle and variant in
 * {@code summary.md}, and plots with one series per variant. Runs are processes and not threads
 * because ND4J's thread count is process-wide and a run's numbers depend on it; so this package
 * never reaches the engine or the interpreter, and a study's numbers are those of its runs alone.
 */
package dev.prune.study;

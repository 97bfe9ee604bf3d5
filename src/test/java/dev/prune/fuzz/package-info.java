/** Seeded fuzzing of the front end: mutated recipes never crash the checker or lose an error's position. */
package dev.prune.fuzz;

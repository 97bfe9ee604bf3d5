/**
 * Learning-rate schedules as pure functions of (iteration, epoch, cycle, density, original
 * schedule). Being pure, they are unit-tested against the papers' check values and drawn by
 * {@code prune plan} without training; the engine only receives the number for each iteration.
 */
package dev.prune.schedules;

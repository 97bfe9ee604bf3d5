/**
 * The interpreter: executes checked steps, deciding what happens when — the cycle loop (prune,
 * rewind, freeze, retrain, evaluate), the pruning amount of each cycle, the learning rate of
 * every iteration, which layers freeze, whether a cycle fine-tunes, which peak the oracle keeps,
 * how a sweep's variants start from one state (in turn, or side by side on engines of their own,
 * their events passed on in order), and what happens between the iterations of a
 * training (gradual pruning and RigL steps, weights kept for a later rewind, early stopping) — and
 * asks the {@link dev.prune.engine.Engine} to do it.
 * It reports through a {@link dev.prune.interp.RunListener}, so the console, run files and tests
 * each see the same events. After every cycle it can hand a {@link dev.prune.interp.Snapshot} to
 * a {@link dev.prune.interp.CheckpointSink}, and {@link dev.prune.interp.Interpreter#resume}
 * continues a run from one.
 */
package dev.prune.interp;

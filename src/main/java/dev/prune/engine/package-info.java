/**
 * The boundary between the language core and the numeric backend. The core (checker,
 * interpreter, schedules, pruning arithmetic) decides what happens and when and talks only to
 * {@link dev.prune.engine.Engine}; {@code dev.prune.dl4j} implements it on DeepLearning4J, and the
 * tests use a fake that logs its calls. Everything here is plain Java values.
 */
package dev.prune.engine;

package dev.prune.builtins;

import dev.prune.engine.NetworkSpec;

/** Sizes a model for a dataset; throws IllegalArgumentException with a user-facing sentence on a misfit. */
@FunctionalInterface
public interface ModelFactory {
    NetworkSpec build(DataShape shape);
}

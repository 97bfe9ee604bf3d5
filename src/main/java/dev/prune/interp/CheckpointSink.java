package dev.prune.interp;

import dev.prune.engine.Engine;

/**
 * Where the interpreter leaves a checkpoint after every cycle. An implementation writes the
 * engine's state ({@link Engine#saveState}) and the snapshot so that a crash at any moment leaves
 * the last complete pair readable; {@link Interpreter#resume} continues from it.
 */
public interface CheckpointSink {
    void save(Snapshot snapshot, Engine engine);
}

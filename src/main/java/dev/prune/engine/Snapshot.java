package dev.prune.engine;

/**
 * The whole training state of an engine at one moment, as {@link Engine#snapshot()} took it. Opaque:
 * only the engine that took it can restore it.
 */
public interface Snapshot {}

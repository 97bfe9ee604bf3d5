package dev.prune.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a run given to this worker needs from the machine it lands on.
 *
 * @param javaPrefix the command that starts {@code prune} in a new JVM, before its arguments
 * @param work       where the worker keeps its runs while they run
 * @param data       fingerprints the data a recipe names, here
 * @param log        where the worker says what it does
 */
public record WorkerContext(List<String> javaPrefix, Path work, DataCheck data, Consumer<String> log) {}

package dev.prune.cluster;

/**
 * Ends a {@code prune run} started by a worker when the worker's JVM is gone, however it ended
 * (SIGKILL runs no shutdown hook): a run nobody waits for would only hold a core. Its last
 * checkpoint already went to the submitter, which has the run continued elsewhere.
 */
public final class ParentWatch {
    /** Set in the environment of the runs a worker starts. */
    public static final String VARIABLE = "PRUNE_EXIT_WITH_PARENT";

    private ParentWatch() {
    }

    /** In a process started by a worker, halts this JVM as soon as its parent process ends. */
    public static void installIfAsked() {
        if (System.getenv(VARIABLE) == null) {
            return;
        }
        ProcessHandle.current().parent().ifPresent(parent ->
                parent.onExit().thenRun(() -> Runtime.getRuntime().halt(137)));
    }
}

package dev.prune.cluster;

import java.io.Serializable;

/**
 * How a run ended on a worker.
 *
 * @param code    the exit code of its {@code prune run} process; -1 when it did not start
 * @param zip     its run directory, zipped (null when it did not start)
 * @param log     its console output
 * @param refusal one sentence when the worker would not start it (its data is missing or differs)
 */
record JobResult(int code, byte[] zip, String log, String refusal) implements Serializable {
    static JobResult refused(String why) {
        return new JobResult(-1, null, "", why);
    }
}

package dev.prune.cluster;

import java.io.Serializable;

/**
 * A run directory as it stood after a checkpoint, sent by the worker that runs it to the
 * submitter, so a run whose worker dies continues elsewhere from there.
 *
 * @param attempt which placement of the run sent it; the submitter keeps only the current one's
 */
record Progress(String study, String run, int attempt, byte[] zip) implements Serializable {}

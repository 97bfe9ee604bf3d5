/**
 * {@code prune worker} and {@code prune study --cluster}: a study's runs spread over machines on
 * embedded Hazelcast. A worker is a Hazelcast member that runs each run it is given as a
 * {@code prune run} child process (a crashing run cannot take the worker down) and sends the run
 * directory back, zipped, after every checkpoint and at the end; the submitter is a Hazelcast
 * client that places runs on members with a free slot and, when a member leaves, places its runs
 * on the others with the last checkpoint it received. Like {@code study}, this package never
 * reaches the engine: every run is a process of its own.
 */
package dev.prune.cluster;

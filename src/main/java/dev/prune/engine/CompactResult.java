package dev.prune.engine;

/**
 * What rebuilding a physically smaller network gave: how far its outputs are from the masked
 * network's, and the measured time of one inference pass over the test split with each.
 *
 * @param maxDifference largest absolute difference of any output probability on the test split
 * @param maskedSeconds one pass with the masked network (median of several)
 * @param compactSeconds one pass with the compact network (median of several)
 * @param examples      test examples per pass
 */
public record CompactResult(double maxDifference, double maskedSeconds, double compactSeconds, int examples) {}

package dev.prune.pruning;

import dev.prune.engine.NetworkSpec;
import java.util.List;

/**
 * What a criterion may look at, one flat array per layer (grouped by output unit, see
 * {@link dev.prune.engine.LayerSpec}). Criteria that need gradients or activations ask the
 * engine through richer implementations of this interface.
 *
 * @param seed for criteria with chance in them (random), fixed per pruning step so runs repeat
 */
public record ScoreInputs(NetworkSpec network, List<float[]> weights, List<float[]> masks, long seed) {}

package dev.prune.pruning;

import dev.prune.engine.NetworkSpec;
import java.util.List;

/**
 * What a criterion may look at, one flat array per layer (grouped by output unit, see
 * {@link dev.prune.engine.LayerSpec}). Gradients, activations and earlier weights come through
 * the {@link Probe}, asked only by the criteria that need them.
 *
 * @param seed for criteria with chance in them (random), fixed per pruning step so runs repeat
 */
public record ScoreInputs(NetworkSpec network, List<float[]> weights, List<float[]> masks, long seed, Probe probe) {

    public ScoreInputs(NetworkSpec network, List<float[]> weights, List<float[]> masks, long seed) {
        this(network, weights, masks, seed, Probe.NONE);
    }

    /** The same inputs with other masks (for criteria that prune in rounds). */
    public ScoreInputs withMasks(List<float[]> newMasks) {
        return new ScoreInputs(network, weights, newMasks, seed, probe);
    }
}

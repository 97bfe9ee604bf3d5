package dev.prune.engine;

import java.util.List;

/**
 * Post-activation statistics of every unit (neuron or filter) of every layer with weights, over
 * some training examples; conv filters average over positions too. Arrays are per layer, one
 * value per unit, in the order of {@link NetworkSpec#layers()}.
 *
 * @param meanAbs   mean |a| of each unit (DropNet's score)
 * @param zeroShare share of each unit's outputs that are exactly 0 (APoZ; ReLU's dead outputs)
 * @param examples  how many training examples were seen
 */
public record UnitActivity(List<float[]> meanAbs, List<float[]> zeroShare, int examples) {}

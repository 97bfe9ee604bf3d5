package dev.prune.check;

import dev.prune.builtins.Value;

/**
 * When a prune policy acts inside training: every {@code every} from {@code from} until
 * {@code until}, all durations as written (epochs or iterations), on a clock of the iterations
 * trained since the policy was set.
 *
 * @param dynamic the policy's criterion is a dynamic sparse training method (RigL), which starts
 *                from random masks at the target sparsity and then moves weights; otherwise the
 *                sparsity grows along Zhu and Gupta's cubic
 */
public record GradualSpec(Value.Num every, Value.Num from, Value.Num until, boolean dynamic) {}

package dev.prune.check;

import dev.prune.builtins.Value;
import java.util.Set;

/**
 * A checked prune statement. Exactly one of {@code rate} (share of the remaining weights per
 * step) or {@code target} (sparsity to reach) is positive; {@code over} is the number of cycles to
 * reach the target in, 1 for at once.
 *
 * @param layers indices of the layers the statement prunes
 */
public record PruneSpec(Value.Ref criterion, boolean global, double rate, double target, int over,
                        Set<Integer> layers, String text) {}

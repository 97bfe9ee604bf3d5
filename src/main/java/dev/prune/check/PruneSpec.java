package dev.prune.check;

import dev.prune.builtins.Value;
import java.util.Set;

/**
 * A checked prune statement. Exactly one of {@code rate} (share of the remaining weights per
 * step), {@code target} (sparsity to reach) or {@code amount} (an amount builtin that decides each
 * step's share from the weights, as {@code sap}) is set; {@code over} is the number of cycles to
 * reach the target in, 1 for at once.
 *
 * @param layers indices of the layers the statement prunes
 * @param groups for a structured criterion on a residual network, the channel groups it cuts, in
 *               words for plans; empty otherwise
 * @param amount the amount builtin after {@code by}, null for a percentage or a target
 */
public record PruneSpec(Value.Ref criterion, boolean global, double rate, double target, int over,
                        Set<Integer> layers, String text, String groups, Value.Ref amount) {

    public PruneSpec(Value.Ref criterion, boolean global, double rate, double target, int over,
                     Set<Integer> layers, String text) {
        this(criterion, global, rate, target, over, layers, text, "", null);
    }
}

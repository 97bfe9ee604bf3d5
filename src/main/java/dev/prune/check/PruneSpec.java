package dev.prune.check;

import dev.prune.builtins.Value;
import java.util.List;
import java.util.Set;

/**
 * A checked prune statement. Exactly one of {@code rate} (share of the remaining weights per
 * step), {@code target} (sparsity to reach), {@code amount} (an amount builtin that decides each
 * step's share from the weights, as {@code sap}) or {@code shares} (a rate per selection) is set;
 * {@code over} is the number of cycles to reach the target in, 1 for at once.
 *
 * @param layers indices of the layers the statement prunes (with shares, all of theirs)
 * @param groups for a structured criterion on a residual network, the channel groups it cuts, in
 *               words for plans; empty otherwise
 * @param amount the amount builtin after {@code by}, null for a percentage or a target
 * @param shares {@code by 20% on hidden, 10% on output}: disjoint selections, each with its own
 *               rate, pruned in one step (with {@code global}, one threshold within each); or
 *               {@code to 80% on hidden, 90% on output over N cycles}, each with its own target
 *               reached over {@code over} cycles; else empty
 * @param structured the criterion removes whole units (and with them what reads them); false when
 *               it is known at run time only
 */
public record PruneSpec(Value.Ref criterion, boolean global, double rate, double target, int over,
                        Set<Integer> layers, String text, String groups, Value.Ref amount, List<Share> shares,
                        boolean structured) {

    public PruneSpec(Value.Ref criterion, boolean global, double rate, double target, int over,
                     Set<Integer> layers, String text) {
        this(criterion, global, rate, target, over, layers, text, "", null, List.of(), false);
    }

    /**
     * Layers that lose {@code rate} of their remaining weights each step, or (rate 0) go to the
     * sparsity {@code target}; {@code text} is the selector as written.
     */
    public record Share(Set<Integer> layers, double rate, double target, String text) {
        /**
         * The share of the remaining weights this step removes, from the layers' sparsity {@code now}
         * and the steps left to reach the target in (0 once it is reached).
         */
        public double stepRate(double now, int stepsLeft) {
            return rate > 0 ? rate : dev.prune.pruning.Amounts.rateToward(now, target, stepsLeft);
        }
    }

    /** True when selections have rates of their own. */
    public boolean perLayer() {
        return !shares.isEmpty();
    }

    /**
     * The share of the remaining weights each cycle removes, when one number says it: the rate of
     * {@code by X%}, or the even pace of {@code to T over N cycles}; NaN for per-layer rates and
     * amounts decided from the weights.
     */
    public double cycleRate() {
        if (rate > 0) {
            return rate;
        }
        if (target > 0) {
            return 1 - Math.pow(1 - target, 1.0 / over);
        }
        return Double.NaN;
    }
}

package dev.prune.schedules;

/**
 * ALLR, adaptive linear learning rate restarting (Zimmer et al., "How I Learned to Stop Worrying
 * and Love Retraining", BIMP): LLR whose start rate grows with the damage the pruning step did,
 * clip(maxLR * d / sqrt(s), min(T_rt / T_orig, 1) * maxLR, maxLR), with d the relative L2 norm the
 * step removed and s the share of weights it removed (both from the {@link LrContext}). Removing a
 * share s of weights of equal size gives d = sqrt(s): d / sqrt(s) compares the damage with that.
 * A step that removed nothing (s = 0) has nothing to repair and starts at the lower clip.
 */
public record AdaptiveLinearRestart(double warmShare) implements LrSchedule {
    @Override
    public double at(LrContext context) {
        OriginalRun run = OriginalRun.of(context, "allr");
        return LinearRestart.line(context, warmShare, start(context, run.max()));
    }

    static double start(LrContext context, double maxLr) {
        double floor = Math.min((double) context.phaseIterations() / context.originalIterations(), 1.0) * maxLr;
        if (context.stepSparsity() <= 0) {
            return floor;
        }
        double discounted = maxLr * context.normDrop() / Math.sqrt(context.stepSparsity());
        return Math.max(floor, Math.min(maxLr, discounted));
    }
}

package dev.prune.schedules;

/**
 * A linear rise over the first {@code over} of the phase to where {@code then} starts, then
 * {@code then} over the rest of the phase, starting at its own iteration 0 (the usual "warm-up
 * followed by" of Goyal et al. 2017 and of cosine-with-warm-up): a multistep milestone inside
 * {@code then} counts from the end of the warm-up. The rise starts at 1/N of the target rather
 * than 0 so that no iteration is spent at a zero rate, and reaches the target on its last
 * iteration, so the curve is continuous where the warm-up ends.
 */
public record WarmUp(LrSchedule then, Length over) implements LrSchedule {
    @Override
    public double at(LrContext context) {
        int warm = over.in(context);
        int rest = Math.max(1, context.phaseIterations() - warm);
        int i = context.iteration();
        if (i >= warm) {
            return then.at(context.withPhase(i - warm, rest));
        }
        double target = then.at(context.withPhase(0, rest));
        return target * (i + 1) / warm;
    }
}

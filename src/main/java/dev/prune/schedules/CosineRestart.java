package dev.prune.schedules;

/**
 * CLR, cyclic learning rate restarting (Le and Hua 2021, as BIMP implements it): after the warm-up
 * to the dense maximum, half a cosine from the dense maximum down to the dense minimum.
 */
public record CosineRestart(double warmShare) implements LrSchedule {
    @Override
    public double at(LrContext context) {
        OriginalRun run = OriginalRun.of(context, "clr");
        if (Restart.warming(context, warmShare)) {
            return Restart.rise(context, warmShare, run.max());
        }
        int j = context.iteration() - Restart.warm(context, warmShare);
        return Phase.cosine(run.max(), run.min(), Phase.progress(j, Restart.rest(context, warmShare)));
    }
}

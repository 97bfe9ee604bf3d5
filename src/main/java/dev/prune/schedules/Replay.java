package dev.prune.schedules;

/**
 * The dense training's schedule from a point on, lr(i) = original(from + i): what weight
 * rewinding retrains with (Frankle et al. 2020; Renda et al. 2020), so a network rewound to
 * iteration K relives the rates the dense training had from K. Past the dense training's end it
 * keeps the last rate.
 */
public record Replay(Length from) implements LrSchedule {
    @Override
    public double at(LrContext context) {
        OriginalRun.of(context, "lr_replay");
        double start = from.epochs() ? from.amount() * context.iterationsPerEpoch() : from.amount();
        return OriginalRun.rate(context, (int) Math.round(start) + context.iteration());
    }
}

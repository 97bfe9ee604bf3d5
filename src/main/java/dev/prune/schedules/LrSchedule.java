package dev.prune.schedules;

/** A learning rate as a pure function of where training is; no state, so plans can be drawn ahead. */
@FunctionalInterface
public interface LrSchedule {
    double at(LrContext context);
}

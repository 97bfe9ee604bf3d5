package dev.prune.check;

import dev.prune.source.Span;

/**
 * A prune policy inside training and the most iterations the trainings since it was set can
 * run, on the clock the interpreter keeps for it (counted from the policy statement, across
 * trainings and cycles). Only upper bounds are counted: early stopping or a fine-tuning condition
 * can shorten a training, never lengthen it, and a length not known at check time counts as
 * unbounded, so a warning drawn from it is never wrong.
 *
 * @param untilAt  where the policy's {@code until} was written
 * @param fromAt   where its {@code from} was written, or null
 * @param spec     the policy's clock as written
 * @param until    its {@code until} in iterations (NaN when the data was not known)
 * @param from     its {@code from} in iterations (NaN when the data was not known)
 * @param perEpoch the data's iterations an epoch when the policy was set (NaN when not known)
 * @param outcome  what the policy leaves undone when the trainings stop before {@code until}
 * @param trained  the most iterations the trainings after the policy can run (NaN or infinite when unknown)
 */
record GradualEnd(Span untilAt, Span fromAt, GradualSpec spec, double until, double from, double perEpoch,
                  String outcome, double trained) {

    GradualEnd trains(double iterations) {
        return new GradualEnd(untilAt, fromAt, spec, until, from, perEpoch, outcome, trained + iterations);
    }

    /** Ended as long as it was written, as far as the checker can tell. */
    GradualEnd unbounded() {
        return trains(Double.POSITIVE_INFINITY);
    }
}

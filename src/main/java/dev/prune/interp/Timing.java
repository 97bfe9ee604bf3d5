package dev.prune.interp;

/**
 * Measured training speed, to estimate what a skipped fine-tuning would have cost: its iterations
 * times the seconds per iteration that the retrainings of this run took so far, or the dense
 * training's before any retraining ran. Evaluation time is not part of it, since the cycle
 * evaluates whether it fine-tunes or not.
 */
final class Timing {
    private long denseIterations;
    private double denseSeconds;
    private long retrainIterations;
    private double retrainSeconds;

    void measured(boolean dense, int iterations, double seconds) {
        if (dense) {
            denseIterations += iterations;
            denseSeconds += seconds;
        } else {
            retrainIterations += iterations;
            retrainSeconds += seconds;
        }
    }

    /** Estimated seconds of {@code iterations} retraining iterations; NaN before any training was measured. */
    double estimate(int iterations) {
        if (retrainIterations > 0) {
            return iterations * retrainSeconds / retrainIterations;
        }
        return denseIterations > 0 ? iterations * denseSeconds / denseIterations : Double.NaN;
    }

    Snapshot.Speed speed() {
        return new Snapshot.Speed(denseIterations, denseSeconds, retrainIterations, retrainSeconds);
    }

    /** Takes back what a checkpoint carried, so a resumed run estimates as the run without a break would. */
    void restore(Snapshot.Speed speed) {
        denseIterations = speed.denseIterations();
        denseSeconds = speed.denseSeconds();
        retrainIterations = speed.retrainIterations();
        retrainSeconds = speed.retrainSeconds();
    }

    void assign(Timing other) {
        denseIterations = other.denseIterations;
        denseSeconds = other.denseSeconds;
        retrainIterations = other.retrainIterations;
        retrainSeconds = other.retrainSeconds;
    }
}

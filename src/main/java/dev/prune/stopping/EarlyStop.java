package dev.prune.stopping;

/**
 * Early stopping on the validation loss, as Keras' {@code EarlyStopping(monitor='val_loss')} that
 * the DropNet code uses: after each epoch the loss counts as an improvement when it is below the
 * best so far by more than {@code minDelta}; training stops once {@code patience} epochs in a
 * row brought none.
 *
 * @param restore put back the weights of the best epoch when training stops (Keras'
 *                {@code restore_best_weights}; off in the DropNet code)
 */
public record EarlyStop(int patience, double minDelta, boolean restore) {

    public EarlyStop {
        if (patience < 1 || !(minDelta >= 0)) {
            throw new IllegalArgumentException("patience must be at least 1 and min_delta at least 0");
        }
    }

    public Tracker tracker() {
        return new Tracker();
    }

    /** The state of one training: the best loss so far and the epochs since it. */
    public final class Tracker {
        private double best = Double.POSITIVE_INFINITY;
        private int bestEpoch = -1;
        private int waited;
        private int epochs;

        /** Records an epoch's validation loss; true when it is the best so far. */
        public boolean observe(double loss) {
            int epoch = epochs++;
            if (loss < best - minDelta) {
                best = loss;
                bestEpoch = epoch;
                waited = 0;
                return true;
            }
            waited++;
            return false;
        }

        /** True once {@code patience} epochs in a row brought no improvement. */
        public boolean stop() {
            return waited >= patience;
        }

        public double best() {
            return best;
        }

        /** 0-based epoch of the best loss, -1 before any. */
        public int bestEpoch() {
            return bestEpoch;
        }

        public int epochs() {
            return epochs;
        }
    }
}

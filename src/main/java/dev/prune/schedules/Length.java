package dev.prune.schedules;

/**
 * A stretch of training written in epochs or iterations. Schedules keep it as written and turn it
 * into iterations only when asked for a rate, because the iterations per epoch are known from the
 * {@link LrContext} alone (they depend on the data and batch size chosen elsewhere in the recipe).
 */
public record Length(double amount, boolean epochs) {

    public static Length iterations(double n) {
        return new Length(n, false);
    }

    public static Length epochs(double n) {
        return new Length(n, true);
    }

    /** At least one iteration, so that a length can always divide. */
    public int in(LrContext context) {
        double n = epochs ? amount * context.iterationsPerEpoch() : amount;
        return (int) Math.max(1, Math.round(n));
    }

    @Override
    public String toString() {
        return (amount == Math.rint(amount) ? Long.toString((long) amount) : Double.toString(amount))
                + (epochs ? " epochs" : " iterations");
    }
}

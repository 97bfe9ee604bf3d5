package dev.prune.check;

/**
 * Upper bounds of the quantities a recipe states outside the registry's parameters (those carry
 * their own ranges). Each is far beyond a real experiment on this project's scale and far below
 * what would exhaust memory or hang: the interpreter and {@code prune plan} keep per-iteration and
 * per-cycle arrays, and a length of 1e9 iterations would not fit.
 */
final class Limits {
    static final int MAX_CYCLES = 10_000;
    static final double MAX_EPOCHS = 10_000;
    static final double MAX_ITERATIONS = 10_000_000;
    /** Seeds are whole numbers a double holds exactly. */
    static final double MAX_SEED = 9_007_199_254_740_992d;

    private Limits() {}
}

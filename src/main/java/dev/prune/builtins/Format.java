package dev.prune.builtins;

/** Numbers as people write them: no trailing ".0", infinities as "inf". */
public final class Format {
    private Format() {}

    public static String number(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}

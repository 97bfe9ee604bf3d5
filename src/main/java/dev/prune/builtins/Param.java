package dev.prune.builtins;

/**
 * One parameter of a builtin. {@code fallback} null means required, unless {@code absent} says
 * what leaving it out means (the builtin then reads the value from elsewhere, as {@code s_cyc}'s
 * rate from the prune policy). Bounds are inclusive and apply to the plain value (a percentage as
 * a fraction).
 */
public record Param(String name, Type type, double min, double max, Value fallback, String doc, String absent) {

    public static Param of(String name, Type type, Value fallback, String doc) {
        return new Param(name, type, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, fallback, doc, null);
    }

    /** A parameter that may be left out without a default; {@code absent} says what then holds. */
    public static Param unless(String name, Type type, String absent, String doc) {
        return new Param(name, type, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, null, doc, absent);
    }

    public Param range(double low, double high) {
        return new Param(name, type, low, high, fallback, doc, absent);
    }

    public boolean required() {
        return fallback == null && absent == null;
    }

    /** True when leaving it out binds nothing: the builtin decides without it. */
    public boolean omittable() {
        return absent != null;
    }

    public boolean bounded() {
        return min != Double.NEGATIVE_INFINITY || max != Double.POSITIVE_INFINITY;
    }

    /**
     * The range as people write it, in the recipe's units: "in 0%..100%", ">= 1", "> 0" (a lower
     * bound of {@link Double#MIN_VALUE} stands for "above zero"); empty when unbounded.
     */
    public String range() {
        if (!bounded()) {
            return "";
        }
        if (min == Double.MIN_VALUE && max == Double.POSITIVE_INFINITY) {
            return "> 0";
        }
        if (max == Double.POSITIVE_INFINITY) {
            return ">= " + bound(min);
        }
        if (min == Double.NEGATIVE_INFINITY) {
            return "<= " + bound(max);
        }
        return "in " + bound(min) + ".." + bound(max);
    }

    private String bound(double v) {
        return type == Type.FRACTION ? Format.number(100 * v) + "%" : Format.number(v);
    }

    public String signature() {
        String text = name + ": " + type.words();
        if (bounded()) {
            text += " " + range();
        }
        return fallback != null ? text + " = " + fallback.show() : absent != null ? text + " = (" + absent + ")" : text;
    }
}

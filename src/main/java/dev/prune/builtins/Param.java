package dev.prune.builtins;

/**
 * One parameter of a builtin. {@code fallback} null means required. Bounds are inclusive and
 * apply to the plain value (a percentage as a fraction).
 */
public record Param(String name, Type type, double min, double max, Value fallback, String doc) {

    public static Param of(String name, Type type, Value fallback, String doc) {
        return new Param(name, type, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, fallback, doc);
    }

    public Param range(double low, double high) {
        return new Param(name, type, low, high, fallback, doc);
    }

    public boolean required() {
        return fallback == null;
    }

    public boolean bounded() {
        return min != Double.NEGATIVE_INFINITY || max != Double.POSITIVE_INFINITY;
    }

    public String signature() {
        String text = name + ": " + type.words();
        if (bounded()) {
            text += " in " + Format.number(min) + ".." + Format.number(max);
        }
        return fallback == null ? text : text + " = " + fallback.show();
    }
}

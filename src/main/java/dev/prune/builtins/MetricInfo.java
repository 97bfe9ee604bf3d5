package dev.prune.builtins;

/**
 * A metric that conditions may name: about the whole run, about one layer, or both, and the values
 * it can take ({@code min} and {@code max} infinite when unbounded), so that the checker can tell
 * that {@code accuracy > 90} never holds.
 */
public record MetricInfo(String name, Scope scope, double min, double max) {
    public enum Scope { RUN, LAYER, BOTH }

    public MetricInfo(String name, Scope scope) {
        this(name, scope, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** A fraction from 0 to 1 (written as a percentage or a plain fraction in conditions). */
    public boolean fraction() {
        return min == 0 && max == 1;
    }

    public boolean forRun() {
        return scope != Scope.LAYER;
    }

    public boolean forLayer() {
        return scope != Scope.RUN;
    }
}

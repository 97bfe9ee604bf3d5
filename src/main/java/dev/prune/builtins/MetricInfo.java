package dev.prune.builtins;

/** A metric that conditions may name: about the whole run, about one layer, or both. */
public record MetricInfo(String name, Scope scope) {
    public enum Scope { RUN, LAYER, BOTH }

    public boolean forRun() {
        return scope != Scope.LAYER;
    }

    public boolean forLayer() {
        return scope != Scope.RUN;
    }
}

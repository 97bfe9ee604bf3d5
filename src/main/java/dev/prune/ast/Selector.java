package dev.prune.ast;

import dev.prune.source.Span;
import java.util.List;

/** Which layers a statement acts on. Layer indices count only the layers that have weights. */
public sealed interface Selector {
    Span span();

    /** {@code layers}: every layer with weights. */
    record All(Span span) implements Selector {}

    /** {@code layers 0..2}: inclusive index range. */
    record Range(Span span, Expr from, Expr to) implements Selector {}

    /** {@code layers [0, "fc2"]}: indices or names. */
    record Listed(Span span, List<Expr> items) implements Selector {}

    /** {@code layers where delta < eps}: a condition over per-layer statistics. */
    record Where(Span span, Expr condition) implements Selector {}

    /** {@code 30% of layers [where ...]}: the given share of the layers, least-changing first. */
    record Fraction(Span span, Expr share, Expr condition) implements Selector {}

    /** {@code output}, {@code dense}, {@code conv} or a layer's name. */
    record Named(Span span, String name) implements Selector {}
}

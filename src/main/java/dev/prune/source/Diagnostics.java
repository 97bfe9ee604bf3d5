package dev.prune.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects diagnostics from every stage so that one run reports all problems, in source order. */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    public void error(Span span, String message) {
        add(Diagnostic.error(span, message));
    }

    public void warning(Span span, String message) {
        add(Diagnostic.warning(span, message));
    }

    public void add(Diagnostic diagnostic) {
        // One mistake can be seen by two stages (say the parser and the builder); report it once.
        boolean seen = items.stream().anyMatch(d -> d.span().equals(diagnostic.span())
                && d.message().equals(diagnostic.message()));
        if (!seen) {
            items.add(diagnostic);
        }
    }

    public void addAll(Diagnostics other) {
        other.items.forEach(this::add);
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public int errorCount() {
        return (int) items.stream().filter(Diagnostic::isError).count();
    }

    /** In file order, then line, then column: the order a reader fixes them in. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing((Diagnostic d) -> d.span().file().name())
                .thenComparingInt(d -> d.span().line())
                .thenComparingInt(d -> d.span().column()));
        return copy;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : sorted()) {
            out.append(d.render()).append('\n');
        }
        return out.toString();
    }

    /** In the order they were found; the REPL shows only those found since a mark. */
    public List<Diagnostic> inOrder() {
        return List.copyOf(items);
    }

    /** How many have been found so far: a mark for {@link #takeSince}. */
    public int mark() {
        return items.size();
    }

    /** Removes and returns those found since the mark, for a caller that reports them elsewhere. */
    public List<Diagnostic> takeSince(int mark) {
        List<Diagnostic> taken = new ArrayList<>(items.subList(mark, items.size()));
        items.subList(mark, items.size()).clear();
        return taken;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}

package dev.prune.check;

import dev.prune.ast.Expr;
import dev.prune.ast.Printer;
import dev.prune.ast.Selector;
import dev.prune.builtins.Value;
import dev.prune.engine.LayerKind;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.source.Diagnostics;
import dev.prune.source.Span;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Checks layer selectors against the model's layers, before any training starts. */
final class Selection {
    private final Evaluator evaluator;
    private final Diagnostics diagnostics;

    Selection(Evaluator evaluator, Diagnostics diagnostics) {
        this.evaluator = evaluator;
        this.diagnostics = diagnostics;
    }

    /** The checked rule, or null after reporting. */
    LayerRule resolve(Selector selector, NetworkSpec net, Map<String, Value> constants) {
        String text = Printer.selector(selector);
        Scope scope = Scope.constants(constants);
        Set<Integer> all = range(0, net.layers().size() - 1);
        if (selector instanceof Selector.All) {
            return new LayerRule(all, null, 0, text);
        } else if (selector instanceof Selector.Range r) {
            Integer from = index(r.from(), net, scope);
            Integer to = index(r.to(), net, scope);
            if (from == null || to == null) {
                return null;
            }
            if (from > to) {
                diagnostics.error(r.span(), "layer range " + from + ".." + to + " is empty; write the lower index first");
                return null;
            }
            return new LayerRule(range(from, to), null, 0, text);
        } else if (selector instanceof Selector.Listed l) {
            Set<Integer> chosen = new TreeSet<>();
            for (Expr item : l.items()) {
                String name = item instanceof Expr.Name n && !constants.containsKey(n.name()) ? n.name()
                        : item instanceof Expr.Str str ? str.value() : null;
                if (name != null) {
                    // A name, kind or pattern: every layer it names.
                    Set<Integer> hits = byName(name, item.span(), net);
                    if (hits == null || hits.isEmpty()) {
                        return null;
                    }
                    chosen.addAll(hits);
                    continue;
                }
                Integer i = index(item, net, scope);
                if (i == null) {
                    return null;
                }
                chosen.add(i);
            }
            return nonEmpty(new LayerRule(chosen, null, 0, text), selector.span(), net);
        } else if (selector instanceof Selector.Where w) {
            Condition c = condition(w.condition(), constants);
            return c == null ? null : new LayerRule(all, c, 0, text);
        } else if (selector instanceof Selector.Fraction f) {
            Value share = evaluator.eval(f.share(), scope, null);
            if (!(share instanceof Value.Num n) || n.plain() <= 0 || n.plain() > 1) {
                diagnostics.error(f.share().span(), "the share of layers must be a percentage in (0%, 100%]"
                        + (share == null ? "" : ", got " + share.show()));
                return null;
            }
            Condition c = f.condition() == null ? null : condition(f.condition(), constants);
            if (f.condition() != null && c == null) {
                return null;
            }
            return new LayerRule(all, c, n.plain(), text);
        } else if (selector instanceof Selector.Named n) {
            return nonEmpty(new LayerRule(byName(n.name(), n.span(), net), null, 0, text), n.span(), net);
        }
        throw new IllegalStateException(selector.toString());
    }

    private Condition condition(Expr e, Map<String, Value> constants) {
        Boolean ok = evaluator.condition(e, Scope.constants(constants).withMetrics(Scope.Metrics.LAYER, null));
        return ok == null ? null : new Condition(e, constants, Printer.expr(e));
    }

    private LayerRule nonEmpty(LayerRule rule, Span span, NetworkSpec net) {
        if (rule == null || rule.fixed() == null) {
            return null;
        }
        if (rule.fixed().isEmpty()) {
            diagnostics.error(span, "'" + rule.text() + "' selects no layer of " + net.name()
                    + " (layers: " + names(net) + ")");
            return null;
        }
        return rule;
    }

    private Set<Integer> byName(String name, Span span, NetworkSpec net) {
        Set<Integer> out = new TreeSet<>();
        List<LayerSpec> layers = net.layers();
        java.util.regex.Pattern pattern = glob(name);
        for (int i = 0; i < layers.size(); i++) {
            LayerKind kind = layers.get(i).kind();
            boolean hit = name.equals("output") && kind == LayerKind.OUTPUT
                    || name.equals("hidden") && kind != LayerKind.OUTPUT
                    || name.equals("dense") && kind == LayerKind.DENSE
                    || name.equals("conv") && kind == LayerKind.CONV
                    || name.equals("first") && i == 0
                    || name.equals("last") && i == layers.size() - 1
                    || name.equals(layers.get(i).name())
                    || pattern != null && pattern.matcher(layers.get(i).name()).matches();
            if (hit) {
                out.add(i);
            }
        }
        List<String> kept = net.kept().stream()
                .filter(k -> k.name().equals(name) || pattern != null && pattern.matcher(k.name()).matches())
                .map(k -> k.name() + " (" + k.keptType() + ")").toList();
        if (out.isEmpty() && !kept.isEmpty()) {
            diagnostics.error(span, "'" + name + "' names only layers prune runs as saved and cannot prune ("
                    + String.join(", ", kept) + "); prunable layers: " + names(net));
            return null;
        }
        if (out.isEmpty() && (pattern != null || !List.of("output", "hidden", "dense", "conv").contains(name))) {
            diagnostics.error(span, (pattern != null ? "the pattern '" + name + "' names no layer" : "no layer '"
                    + name + "'") + " in " + net.name() + " (layers: " + names(net)
                    + "; or output, hidden, dense, conv, first, last)");
            return null;
        }
        return out;
    }

    /** A name with * (any characters) or ? (one character) as a pattern over layer names; null for a plain name. */
    private static java.util.regex.Pattern glob(String name) {
        if (name.indexOf('*') < 0 && name.indexOf('?') < 0) {
            return null;
        }
        StringBuilder regex = new StringBuilder();
        for (char c : name.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return java.util.regex.Pattern.compile(regex.toString());
    }

    private Integer index(Expr e, NetworkSpec net, Scope scope) {
        Value v = evaluator.eval(e, scope, null);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Value.Num n) || n.value() != Math.rint(n.value())) {
            diagnostics.error(e.span(), "a layer index is a whole number, got " + v.show());
            return null;
        }
        int i = (int) n.value();
        if (i < 0 || i >= net.layers().size()) {
            diagnostics.error(e.span(), "layer index " + i + " is out of range: " + net.name() + " has "
                    + net.layers().size() + " layers with weights (0.." + (net.layers().size() - 1) + ")");
            return null;
        }
        return i;
    }

    static String names(NetworkSpec net) {
        return net.layers().stream().map(LayerSpec::name).collect(Collectors.joining(", "));
    }

    static Set<Integer> range(int from, int to) {
        Set<Integer> out = new LinkedHashSet<>();
        for (int i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }
}

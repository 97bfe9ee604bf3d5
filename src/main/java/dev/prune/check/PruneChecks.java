package dev.prune.check;

import dev.prune.ast.Expr;
import dev.prune.ast.Selector;
import dev.prune.ast.Statement;
import dev.prune.ast.Unit;
import dev.prune.builtins.DataSource;
import dev.prune.builtins.Format;
import dev.prune.builtins.Kind;
import dev.prune.builtins.Value;
import dev.prune.engine.ChannelGroups;
import dev.prune.engine.LayerKind;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.pruning.ActivePruning;
import dev.prune.pruning.Criterion;
import dev.prune.pruning.GroupPlanner;
import dev.prune.pruning.Need;
import dev.prune.pruning.UnitCriterion;
import dev.prune.source.Diagnostics;
import dev.prune.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Checks a prune statement: criterion, amount, timing and the layers it acts on. */
final class PruneChecks {
    private final Checker checker;
    private final Evaluator evaluator;
    private final Selection selection;
    private final Diagnostics diagnostics;
    private final DynamicChecks dynamicChecks;

    PruneChecks(Checker checker, Evaluator evaluator, Selection selection, Diagnostics diagnostics) {
        this.checker = checker;
        this.evaluator = evaluator;
        this.selection = selection;
        this.diagnostics = diagnostics;
        this.dynamicChecks = new DynamicChecks(checker, diagnostics);
    }

    Step check(Statement.Prune p) {
        Span span = p.span();
        if (p.timing() instanceof Statement.Timing.Every every && every.interval() instanceof Expr.Name n
                && !checker.state.constants.containsKey(n.name())
                && !dev.prune.builtins.Spelling.closest(n.name(), List.of("cycle")).isEmpty()) {
            // 'every cycel' is a misspelt 'every cycle', not pruning inside training every 'cycel'
            diagnostics.error(n.span(), "unknown unit '" + n.name() + "'; did you mean 'every cycle'?");
            return null;
        }
        // Magnitude is what "prune by 20%" means in every paper this language follows.
        Expr criterionExpr = p.criterion() == null ? new Expr.Name(span, "l1") : p.criterion();
        Value.Ref criterion = criterion(criterionExpr);
        boolean dynamic = criterion != null && checker.registry().find(criterion.name()).orElseThrow().kind()
                == Kind.DYNAMIC;
        boolean inTraining = p.timing() instanceof Statement.Timing.Every;
        Criterion impl = criterion == null || dynamic ? null : instantiate(criterion, criterionExpr);
        boolean ok = criterion != null && (dynamic || impl != null);
        boolean atInit = p.timing() instanceof Statement.Timing.At;
        boolean policy = p.isPolicy() && !atInit;
        double rate = 0;
        double target = 0;
        int over = 1;
        Value.Ref amount = null;
        List<Double> rates = new ArrayList<>();
        if (p.amount() instanceof Statement.Amount.By by && isAmountBuiltin(by.rate())) {
            amount = amount(by.rate());
            ok &= amount != null;
            if (inTraining) {
                diagnostics.error(by.span(), "pruning inside training goes to a final sparsity along Zhu and Gupta's "
                        + "cubic; " + Checker.show(by.rate()) + " decides each step between trainings: write 'every cycle'");
                ok = false;
            }
        } else if (p.amount() instanceof Statement.Amount.By by) {
            rate = percent(by.rate(), "prune rate", true);
            ok &= rate > 0;
            if (inTraining) {
                diagnostics.error(by.span(), "pruning inside training goes to a final sparsity: write 'to "
                        + Checker.show(by.rate()) + "' (reached along Zhu and Gupta's cubic)");
                ok = false;
            }
        } else if (p.amount() instanceof Statement.Amount.Shares shares) {
            for (Statement.Share share : shares.shares()) {
                double r = shares.targets() ? percent(share.rate(), "target sparsity", false)
                        : percent(share.rate(), "prune rate", true);
                ok &= r > 0;
                rates.add(r);
            }
            if (inTraining) {
                diagnostics.error(shares.span(), "pruning inside training goes to one final sparsity along Zhu and "
                        + "Gupta's cubic; rates per layer are for pruning between trainings ('every cycle' or now)");
                ok = false;
            } else if (shares.over() != null) {
                over = cycles(shares.over());
                ok &= over > 0;
            } else if (shares.targets() && p.timing() instanceof Statement.Timing.EveryCycle) {
                diagnostics.error(shares.span(), "'to ... every cycle' needs a pace: add 'over N cycles', or give "
                        + "rates: 'by 20% on hidden, 10% on output every cycle'");
                ok = false;
            }
            if (p.on() != null) {
                diagnostics.error(p.on().span(), "the rates already say where this prune acts ('by 20% on hidden, 10% "
                        + "on output'); leave out this 'on', or give these layers a rate in the list");
                ok = false;
            }
        } else if (p.amount() instanceof Statement.Amount.To to) {
            target = percent(to.target(), "target sparsity", false);
            ok &= target > 0;
            if (to.over() != null && inTraining) {
                diagnostics.error(to.over().span(), "'over N cycles' paces pruning by cycle; inside training "
                        + "'from' and 'until' set the pace");
                ok = false;
            } else if (to.over() != null) {
                over = cycles(to.over());
                ok &= over > 0;
            } else if (p.timing() instanceof Statement.Timing.EveryCycle) {
                diagnostics.error(to.span(), "'to " + Checker.show(to.target()) + " every cycle' needs a pace: "
                        + "add 'over N cycles', or write 'by X% every cycle'");
                ok = false;
            }
        } else {
            ok = false;
        }
        GradualSpec gradual = null;
        if (p.timing() instanceof Statement.Timing.Every every) {
            gradual = checker.gradual().check(every, dynamic);
            ok &= gradual != null;
        } else if (dynamic) {
            diagnostics.error(criterionExpr.span(), "'" + criterion.name() + "' moves weights during training: "
                    + "write e.g. 'prune " + criterion.name() + " to 90% every 100 iterations until 6 epochs'");
            ok = false;
        } else if (p.timing() instanceof Statement.Timing.At at) {
            if (!at.point().equals("init")) {
                diagnostics.error(at.span(), "unknown point '" + at.point() + "'; 'at init' prunes before training");
                ok = false;
            } else if (checker.state.trained) {
                diagnostics.error(at.span(), "'at init' prunes before training, but the recipe has trained already");
                ok = false;
            }
        }
        if (dynamic && p.scope() == Statement.Scope.GLOBAL) {
            diagnostics.error(span, "'" + criterion.name() + "' sets each layer's sparsity itself (Erdos-Renyi-"
                    + "kernel or uniform); leave out 'global'");
            ok = false;
        }
        if (impl instanceof dev.prune.pruning.ISpaSP && p.scope() == Statement.Scope.GLOBAL) {
            diagnostics.error(span, "ispasp recovers each layer's units from that layer's own residual and has no "
                    + "ranking across layers; leave out 'global'");
            ok = false;
        }
        if (impl != null && !hasData(impl, criterion.name(), criterionExpr.span())) {
            return null;
        }
        if (!checker.needNetwork(span, "prune")) {
            return null;
        }
        List<PruneSpec.Share> shares = List.of();
        Set<Integer> layers;
        if (p.amount() instanceof Statement.Amount.Shares written) {
            shares = impl == null || rates.size() != written.shares().size() ? null
                    : shares(written, rates, written.targets(), p.except(), impl, criterion.name());
            Set<Integer> union = shares == null ? null : new TreeSet<>();
            if (shares != null) {
                shares.forEach(s -> union.addAll(s.layers()));
            }
            layers = union;
        } else {
            layers = impl == null && !dynamic ? null : layers(p.on(), p.except(), span, impl, criterion.name());
        }
        if (layers == null || !ok) {
            return null;
        }
        if (dynamic && !dynamicChecks.check(criterion, criterionExpr, layers, gradual)) {
            return null;
        }
        if (impl != null && impl.needs().contains(Need.TRAINING) && !inTraining) {
            // Between trainings there is no gradient history to average; one batch's |w*g| is taylor's job.
            diagnostics.error(criterionExpr.span(), criterion.name() + " averages the gradients of every training "
                    + "iteration, which it sees only while pruning inside training: write e.g. 'prune "
                    + criterion.name() + " to 90% every 100 iterations until 6 epochs'");
            return null;
        }
        if (impl != null && impl.needs().contains(Need.HISTORY) && !policy && !checker.state.trained) {
            diagnostics.error(criterionExpr.span(), criterion.name() + " compares the weights before and after the "
                    + "last training, but nothing has trained yet; add 'train ...' before this prune");
            return null;
        }
        double lowest = shares.stream().mapToDouble(PruneSpec.Share::rate).min().orElse(rate);
        if (impl instanceof ActivePruning ap && lowest > 0 && ap.share() >= lowest) {
            diagnostics.error(criterionExpr.span(), "ap's rate " + Format.number(100 * ap.share()) + "% must be below "
                    + "the prune rate " + Format.number(100 * lowest) + "%: AP's share is taken out of each step");
            return null;
        }
        if (impl != null && impl.structured() && inTraining) {
            diagnostics.error(criterionExpr.span(), criterion.name() + " removes whole units, which the cubic schedule "
                    + "inside training does not count; prune units 'every cycle' or 'by X%' between trainings");
            return null;
        }
        if (impl != null && amount != null && (impl.structured() || impl instanceof ActivePruning)) {
            diagnostics.error(p.amount().span(), Checker.show(((Statement.Amount.By) p.amount()).rate())
                    + " counts single weights; " + criterion.name() + (impl.structured() ? " removes whole units"
                    : " takes a fixed share out of each step") + ": give it a percentage");
            return null;
        }
        if (impl != null && (impl.structured() || impl instanceof dev.prune.pruning.SynFlow)
                && !checker.state.network.kept().isEmpty()) {
            diagnostics.error(criterionExpr.span(), criterion.name() + (impl.structured()
                    ? " removes whole units, which would change what the layers prune keeps as saved read: "
                    : " sends its data-free flow through every layer, and prune cannot follow it through the "
                    + "layers it keeps as saved: ") + checker.state.network.keptNames());
            return null;
        }
        if (impl != null && impl.structured() && checker.state.network.residual()) {
            // Layers that write the same channels lose the same channels: each rate takes whole groups.
            List<Set<Integer>> parts = shares.isEmpty() ? List.of(layers)
                    : shares.stream().map(PruneSpec.Share::layers).toList();
            for (int i = 0; i < parts.size(); i++) {
                String split = coupling(parts.get(i));
                if (split != null) {
                    Span at = !shares.isEmpty() ? ((Statement.Amount.Shares) p.amount()).shares().get(i).on().span()
                            : p.on() != null ? p.on().span() : p.except() != null ? p.except().span() : span;
                    diagnostics.error(at, criterion.name() + " removes whole channels; " + split);
                    return null;
                }
            }
        }
        checker.state.structured |= impl != null && impl.structured();
        PruneSpec spec = new PruneSpec(criterion, p.scope() == Statement.Scope.GLOBAL, rate, target, over,
                layers, Checker.show(criterionExpr), groups(impl, layers), amount, shares,
                impl != null && impl.structured());
        Value.Ref penalty = checker.state.policy.penalty();
        if (gradual != null && penalty != null && penalty.name().equals("scl")) {
            diagnostics.error(span, "the scl penalty in force learns the masks itself, so pruning inside its "
                    + "training would be undone; write 'penalty none' before this prune");
            return null;
        }
        if (gradual != null || policy) {
            replaces(span, spec);
        }
        if (gradual != null) {
            checker.state.pruneSpan = span;
            checker.gradual().started((Statement.Timing.Every) p.timing(), gradual, spec);
            return new Step.SetGradual(span, spec, gradual);
        }
        if (policy) {
            checker.state.pruneSpan = span;
            checker.gradual().replaced();
            checker.state.historyCriterion = impl != null && impl.needs().contains(Need.HISTORY) ? criterion.name()
                    : null;
            return new Step.SetPrune(span, spec);
        }
        return new Step.PruneNow(span, spec);
    }

    /** A pruning criterion, or a dynamic sparse training method in its place; null after reporting. */
    private Value.Ref criterion(Expr e) {
        Value v = evaluator.eval(e, checker.scope(), Kind.CRITERION);
        if (v instanceof Value.Ref r && checker.registry().find(r.name()).map(b -> b.kind() == Kind.DYNAMIC)
                .orElse(false)) {
            return r;
        }
        return checker.ofKind(v, e, Kind.CRITERION);
    }

    /** The criterion's implementation, or null after reporting why its arguments do not fit. */
    private Criterion instantiate(Value.Ref ref, Expr e) {
        try {
            return checker.registry().create(ref, Criterion.class);
        } catch (IllegalArgumentException bad) {
            diagnostics.error(e.span(), bad.getMessage());
            return null;
        }
    }

    /** Criteria that read training data need some; false after reporting. */
    private boolean hasData(Criterion impl, String name, Span at) {
        Need need = impl.needs().stream().filter(Need::data).findFirst().orElse(null);
        if (need == null) {
            return true;
        }
        DataSource data = checker.state.data;
        if (data == null) {
            diagnostics.error(at, name + " needs " + need.words() + "; add 'data ...' before this prune");
            return false;
        }
        if (data.trainCount() <= 0) {
            diagnostics.error(at, name + " needs " + need.words() + ", but the data leaves no training examples "
                    + "(val holds out all of them)");
            return false;
        }
        return true;
    }

    /**
     * Why a selection cannot be pruned channel by channel on a residual network: it takes only
     * part of a group of layers that write the same channels; null when it can.
     */
    private String coupling(Set<Integer> layers) {
        boolean[] selected = new boolean[checker.state.network.layers().size()];
        layers.forEach(l -> selected[l] = true);
        try {
            return GroupPlanner.split(checker.state.network, selected);
        } catch (dev.prune.engine.Topology.Coupled e) {
            return e.getMessage();
        }
    }

    /** The channel groups a structured criterion cuts on a residual network, for plans; "" otherwise. */
    private String groups(Criterion impl, Set<Integer> layers) {
        NetworkSpec net = checker.state.network;
        if (impl == null || !impl.structured() || !net.residual()) {
            return "";
        }
        boolean[] selected = new boolean[net.layers().size()];
        layers.forEach(l -> selected[l] = true);
        List<String> coupled = new ArrayList<>();
        int alone = 0;
        for (ChannelGroups.Group g : GroupPlanner.chosen(new ChannelGroups(net), selected)) {
            if (g.coupled()) {
                coupled.add("'" + g.root() + "' with " + (g.layers().size() - 1) + " more layers joined by adds ("
                        + g.channels().size() + " channels)");
            } else {
                alone++;
            }
        }
        if (alone > 0) {
            coupled.add(alone + (alone == 1 ? " layer" : " layers") + " on their own");
        }
        return "channel groups: " + String.join(", ", coupled);
    }

    /**
     * The layers of each rate of {@code by 20% on hidden, 10% on output}: each selection checked as
     * an 'on' clause, and no layer in two of them; null after reporting.
     */
    private List<PruneSpec.Share> shares(Statement.Amount.Shares written, List<Double> rates, boolean targets,
                                         Selector except, Criterion impl, String name) {
        List<PruneSpec.Share> out = new ArrayList<>();
        java.util.Map<Integer, Statement.Share> taken = new java.util.HashMap<>();
        for (int i = 0; i < written.shares().size(); i++) {
            Statement.Share share = written.shares().get(i);
            Set<Integer> chosen = layers(share.on(), except, share.span(), impl, name);
            if (chosen == null) {
                return null;
            }
            for (int l : chosen) {
                Statement.Share before = taken.putIfAbsent(l, share);
                if (before != null) {
                    diagnostics.error(share.on().span(), "layer '" + checker.state.network.layers().get(l).name()
                            + "' is selected by both '" + dev.prune.ast.Printer.selector(before.on()) + "' (at "
                            + before.on().span().where() + ") and '" + dev.prune.ast.Printer.selector(share.on())
                            + "'; each layer takes one " + (targets ? "target" : "rate"));
                    return null;
                }
            }
            double amount = rates.get(i);
            out.add(new PruneSpec.Share(java.util.Collections.unmodifiableSet(new TreeSet<>(chosen)),
                    targets ? 0 : amount, targets ? amount : 0, dev.prune.ast.Printer.selector(share.on())));
        }
        return List.copyOf(out);
    }

    private Set<Integer> layers(Selector onSelector, Selector exceptSelector, Span span, Criterion impl, String name) {
        Checker.State st = checker.state;
        String refused = null;
        Set<Integer> chosen = new TreeSet<>(Selection.range(0, st.network.layers().size() - 1));
        if (onSelector != null) {
            LayerRule on = selection.resolve(onSelector, st.network, st.constants);
            if (on == null || dynamic(on, onSelector.span())) {
                return null;
            }
            chosen.retainAll(on.fixed());
            for (int l : chosen) {
                if (impl != null && !impl.supports(st.network.layers().get(l).kind())) {
                    diagnostics.error(onSelector.span(), unsupported(impl, name, st.network.layers().get(l)));
                    return null;
                }
                if (impl != null && impl.refuses(st.network, l) != null) {
                    diagnostics.error(onSelector.span(), impl.refuses(st.network, l));
                    return null;
                }
            }
        } else {
            // Structured criteria act where they can unless told otherwise: a unit of the output
            // layer is a class, so "prune dropnet by 20%" means the hidden layers.
            refused = chosen.stream().filter(l -> impl != null && impl.supports(st.network.layers().get(l).kind()))
                    .map(l -> impl.refuses(st.network, l)).filter(r -> r != null).findFirst().orElse(null);
            chosen.removeIf(l -> impl != null && (!impl.supports(st.network.layers().get(l).kind())
                    || impl.refuses(st.network, l) != null));
        }
        if (exceptSelector != null) {
            LayerRule except = selection.resolve(exceptSelector, st.network, st.constants);
            if (except == null || dynamic(except, exceptSelector.span())) {
                return null;
            }
            chosen.removeAll(except.fixed());
        }
        if (chosen.isEmpty()) {
            String what = impl instanceof UnitCriterion u && onSelector == null
                    ? "; " + name + " prunes " + u.kindsWords() + " hidden layers, and " + st.network.name() + " has none"
                    : "";
            if (refused != null && onSelector == null) {
                what = "; " + refused + " (nor has any other layer)";
            }
            diagnostics.error(span, "this prune statement selects no layer" + what);
            return null;
        }
        return chosen;
    }

    private static String unsupported(Criterion impl, String name, LayerSpec layer) {
        String kinds = impl instanceof UnitCriterion u ? u.kindsWords() : "other";
        if (layer.kind() == LayerKind.OUTPUT) {
            return name + " removes whole units, and the units of output layer '" + layer.name()
                    + "' are the classes; select " + kinds + " hidden layers only";
        }
        String other = layer.kind() == LayerKind.CONV ? "; for filters write filters(...)" : "; for neurons write neurons(...)";
        return name + " prunes whole units of " + kinds + " layers, but '" + layer.name() + "' is a "
                + layer.kind().word() + " layer" + (impl.supports(LayerKind.DENSE) != impl.supports(LayerKind.CONV)
                ? other : "");
    }

    private boolean dynamic(LayerRule rule, Span span) {
        if (rule.dynamic()) {
            diagnostics.error(span, "prune acts on a fixed set of layers; 'where' and 'N% of layers' are for freeze");
            return true;
        }
        return false;
    }

    /** Whether the expression after 'by' names an amount builtin ({@code sap}, {@code sap(gamma=2)}). */
    private boolean isAmountBuiltin(Expr e) {
        String name = e instanceof Expr.Call c ? c.callee() : e instanceof Expr.Name n ? n.name() : null;
        return name != null && !checker.scope().constants().containsKey(name)
                && checker.registry().find(name).map(b -> b.kind() == Kind.AMOUNT).orElse(false);
    }

    /** The checked amount builtin, made once so that wrong arguments (p >= q) are found here; null after reporting. */
    private Value.Ref amount(Expr e) {
        Value.Ref ref = checker.ofKind(evaluator.eval(e, checker.scope(), Kind.AMOUNT), e, Kind.AMOUNT);
        if (ref == null) {
            return null;
        }
        try {
            checker.registry().create(ref, Object.class);
            return ref;
        } catch (IllegalArgumentException bad) {
            diagnostics.error(e.span(), bad.getMessage());
            return null;
        }
    }

    /**
     * One prune policy is in force at a time: replacing one that no run has used is likely a
     * mistake, and when both give other layers a rate, rates per layer were probably meant.
     */
    private void replaces(Span span, PruneSpec next) {
        Span earlier = checker.state.unusedPrunePolicy;
        if (earlier != null && !checker.inSweep) {
            PruneSpec before = checker.state.policy.pruning();
            boolean perLayer = before != null && before.rate() > 0 && next.rate() > 0
                    && java.util.Collections.disjoint(before.layers(), next.layers());
            diagnostics.warning(span, "this prune policy replaces the one at " + earlier.where()
                    + " before any run uses it; one prune policy is in force at a time" + (perLayer
                    ? " (to prune each selection at its own rate, write one: 'prune l1 by 20% on hidden, 10% on "
                    + "output every cycle')" : ""));
        }
        checker.state.unusedPrunePolicy = span;
    }

    /** A percentage strictly between 0 and 100 as a fraction; 0 after reporting. */
    private double percent(Expr e, String what, boolean relative) {
        Value v = evaluator.eval(e, checker.scope(), null);
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Value.Num n) || n.unit() != Unit.PERCENT) {
            String got = v instanceof Value.Num n && n.unit() != Unit.NONE ? n.unit().text() : v.show();
            diagnostics.error(e.span(), what + " takes a percentage like 20%, not " + got);
            return 0;
        }
        if (n.value() <= 0 || n.value() >= 100) {
            diagnostics.error(e.span(), what + " must be between 0% and 100% (exclusive), got " + n.show()
                    + (relative ? "; it is a share of the weights still remaining" : ""));
            return 0;
        }
        return n.plain();
    }

    private int cycles(Expr e) {
        Value v = evaluator.eval(e, checker.scope(), null);
        if (v instanceof Value.Num n && (n.unit() == Unit.CYCLES || n.unit() == Unit.NONE)
                && n.value() == Math.rint(n.value()) && n.value() >= 1) {
            return (int) n.value();
        }
        if (v != null) {
            diagnostics.error(e.span(), "over takes a whole number of cycles, e.g. 'over 10 cycles', got " + v.show());
        }
        return 0;
    }
}

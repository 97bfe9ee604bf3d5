package dev.prune.check;

import dev.prune.ast.Expr;
import dev.prune.ast.Printer;
import dev.prune.ast.Statement;
import dev.prune.ast.Unit;
import dev.prune.builtins.DataSource;
import dev.prune.builtins.Kind;
import dev.prune.builtins.ScheduleBuiltins;
import dev.prune.builtins.Value;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Norms;
import dev.prune.stopping.EarlyBird;
import dev.prune.source.Diagnostics;
import dev.prune.source.Span;

/** Checks the procedure statements: rewinding, training from scratch, stopping rules and penalties. */
final class ProcedureChecks {
    private final Checker checker;
    private final Policies policies;
    private final Evaluator evaluator;
    private final Diagnostics diagnostics;

    ProcedureChecks(Checker checker, Policies policies, Evaluator evaluator, Diagnostics diagnostics) {
        this.checker = checker;
        this.policies = policies;
        this.evaluator = evaluator;
        this.diagnostics = diagnostics;
    }

    /** A stopping rule after 'stop'; null after reporting. */
    Value.Ref stop(Expr e) {
        Value.Ref rule = checker.ofKind(evaluator.eval(e, checker.scope(), Kind.STOPPING), e, Kind.STOPPING);
        if (rule != null && checker.registry().create(rule, Object.class) instanceof EarlyBird) {
            NetworkSpec net = checker.state.network;
            if (net != null && !Norms.any(net)) {
                diagnostics.error(e.span(), "stop " + rule.name() + " draws channel masks from the gamma of the batch "
                        + "norms right after conv and dense layers, and " + net.name() + " has none");
                return null;
            }
            return rule;
        }
        DataSource data = checker.state.data;
        if (rule != null && data != null && data.validationCount() == 0) {
            diagnostics.error(e.span(), "stop " + rule.name() + " watches the validation loss, but the data has no "
                    + "validation split; hold some training examples out with val=N, e.g. 'data " + data.name()
                    + "(..., val=500)'");
            return null;
        }
        return rule;
    }

    /** {@code penalty ...}: the penalty for the trainings that follow; null after reporting. */
    Step penalty(Statement.Penalty p) {
        Step step = penaltyStep(p);
        if (step != null) {
            replaces(p);
        }
        return step;
    }

    /**
     * One penalty is in force at a time: 'penalty tost' then 'penalty lrpet' trains under LRPET
     * alone, so replacing one no training has used is likely a mistake ('penalty none' only ends one).
     */
    private void replaces(Statement.Penalty p) {
        Span earlier = checker.state.unusedPenalty;
        if (p.penalty() != null && earlier != null && !checker.inSweep) {
            diagnostics.warning(p.span(), "this penalty replaces the one at " + earlier.where() + " before any "
                    + "training uses it; one penalty is in force at a time");
        }
        checker.state.unusedPenalty = p.penalty() == null ? null : p.span();
    }

    private Step penaltyStep(Statement.Penalty p) {
        if (p.penalty() == null) {
            return new Step.SetPenalty(p.span(), null, "none");
        }
        Value.Ref ref = checker.ref(p.penalty(), Kind.PENALTY);
        if (ref == null || !checker.needNetwork(p.span(), "penalty")) {
            return null;
        }
        NetworkSpec net = checker.state.network;
        dev.prune.engine.Penalty made = checker.registry().create(ref, dev.prune.engine.Penalty.class);
        if (made.projection() != null) {
            return projection(p, ref, made.projection()) ? new Step.SetPenalty(p.span(), ref, ref.show()) : null;
        }
        if (ref.name().equals("bn_l1") && !Norms.any(net)) {
            diagnostics.error(p.penalty().span(), ref.name() + " penalises the gamma of the batch norms right after conv "
                    + "and dense layers, and " + net.name() + " has none");
            return null;
        }
        DataSource data = checker.state.data;
        if (made.spectral() != null && data != null && made.spectral().examples() > data.trainCount()) {
            // SpectralStep takes the whole split then; a recipe asking for more should hear that.
            diagnostics.warning(p.penalty().span(), "spectral's examples is " + made.spectral().examples()
                    + " and the training split has " + data.trainCount() + "; the Hessian is taken on all "
                    + data.trainCount());
        }
        if (ref.name().equals("scl") && checker.state.policy.gradual() != null) {
            diagnostics.error(p.penalty().span(), "scl learns the masks itself and cannot train under the pruning "
                    + "inside training in force; replace that prune policy before this penalty");
            return null;
        }
        return new Step.SetPenalty(p.span(), ref, ref.show());
    }

    /**
     * A low-rank projection needs dense hidden layers or convs (a batch norm after one is folded in
     * by the engine), each of whose matrices has a rank of at least r when the rank is one number;
     * false after reporting.
     */
    private boolean projection(Statement.Penalty p, Value.Ref ref, dev.prune.engine.Penalty.Projection made) {
        NetworkSpec net = checker.state.network;
        if (made.share() > 0 && written(p.penalty(), "rank", 0)) {
            diagnostics.error(argument(p.penalty(), "share", 3), ref.name() + " takes a rank for every layer or a share "
                    + "of each layer's, not both; 'share' sets each layer's rank to that share of its min(m, n)");
            return false;
        }
        boolean any = false;
        for (int l = 0; l < net.layers().size(); l++) {
            if (!dev.prune.pruning.LowRank.projected(net.layers().get(l))) {
                continue;
            }
            any = true;
            dev.prune.engine.LayerSpec layer = net.layers().get(l);
            int full = dev.prune.pruning.LowRank.fullRank(net, l);
            int rank = made.rankOf(full);
            if (rank > full) {
                String kernel = layer.kind() == dev.prune.engine.LayerKind.CONV ? ", its kernel [" + layer.nOut() + ", "
                        + layer.nIn() + ", " + layer.kernel() + ", " + layer.kernel() + "] as a matrix" : "";
                diagnostics.error(argument(p.penalty(), "rank", 0), ref.name() + "'s rank " + rank + " is above "
                        + "min(m, n) = " + full + " of layer '" + layer.name() + "' (" + layer.nOut() + " x "
                        + layer.fanIn() + kernel + "); a rank of at most " + full + " can be projected to"
                        + checker.setHint(p.penalty(), "rank", full) + ", or 'share' gives each layer a share of "
                        + "its own");
                return false;
            }
        }
        if (!any) {
            diagnostics.error(p.penalty().span(), ref.name() + " projects the weight matrices of dense hidden layers "
                    + "and convs, and " + net.name() + " has none");
        }
        return any;
    }

    /** Whether a call writes the argument (by name or at its position). */
    private static boolean written(Expr e, String name, int position) {
        if (e instanceof Expr.Call c) {
            for (int i = 0; i < c.args().size(); i++) {
                Expr.Arg a = c.args().get(i);
                if (name.equals(a.name()) || (a.name() == null && i == position)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where a call's argument is written (by name or at its position), else the whole call. */
    private static Span argument(Expr e, String name, int position) {
        if (e instanceof Expr.Call c) {
            for (int i = 0; i < c.args().size(); i++) {
                Expr.Arg a = c.args().get(i);
                if (name.equals(a.name()) || (a.name() == null && i == position)) {
                    return a.value().span();
                }
            }
        }
        return e.span();
    }

    Step rewind(Statement.Rewind r) {
        Span span = r.span();
        checker.state.rewindSpan = null;
        if (r.target() == null) {
            return new Step.SetRewind(span, null, null, false);
        }
        if (r.point() != null) {
            Value.Num k = point(r.target(), r.point());
            return k == null ? null : atPoint(span, k, r.lr());
        }
        if (r.target() instanceof Expr.Name n && !checker.state.constants.containsKey(n.name())) {
            return named(r, n);
        }
        Value v = evaluator.eval(r.target(), checker.scope(), null);
        if (v instanceof Value.Num n && (n.unit() == Unit.ITERATIONS || n.unit() == Unit.EPOCHS)) {
            Value.Num k = point(r.target(), n.unit());
            return k == null ? null : atPoint(span, k, r.lr());
        }
        if (v != null) {
            diagnostics.error(r.target().span(), "rewind takes a checkpoint ('init', 'random', or a name from "
                    + "'checkpoint NAME') or a point of training such as 'iteration 500' or 'epoch 2', got " + v.show());
        }
        return null;
    }

    private Step named(Statement.Rewind r, Expr.Name n) {
        String name = n.name();
        if (name.equals(Step.SetRewind.RANDOM)) {
            if (r.lr()) {
                diagnostics.error(r.span(), "'with lr' replays the dense schedule from a point of its training; a "
                        + "random initialization has none, so set the retraining's rate with 'lr'");
                return null;
            }
            return new Step.SetRewind(r.span(), name, null, false);
        }
        if (!checker.state.checkpoints.contains(name)) {
            diagnostics.error(n.span(), "no checkpoint '" + name + "'; 'init' is the initial weights, 'random' a fresh "
                    + "initialization, 'iteration K' or 'epoch K' a point of training, and 'checkpoint NAME' takes "
                    + "others" + checker.checkpointHint(name));
            return null;
        }
        if (r.lr() && !name.equals("init")) {
            diagnostics.error(r.span(), "'with lr' needs to know where in training the weights come from; write "
                    + "'rewind to iteration K with lr' (or 'to init with lr')");
            return null;
        }
        return new Step.SetRewind(r.span(), name, null, r.lr());
    }

    private Step atPoint(Span span, Value.Num k, boolean lr) {
        if (k.value() == 0) {
            return new Step.SetRewind(span, "init", null, lr);
        }
        if (!checker.needNetwork(span, "rewind")) {
            return null;
        }
        checker.state.rewindSpan = span;
        return new Step.SetRewind(span, null, k, lr);
    }

    /**
     * Before cycles run: a rewind to a point of training needs that much training first. The
     * trainings are counted at their full length, so a recipe is refused only when it cannot work.
     */
    boolean cycled(Span run, int cycles) {
        Checker.State st = checker.state;
        Policy p = st.policy;
        if (p.retrain() != null && !oracleAlone(run, p.retrainLr() != null ? p.retrainLr() : p.lr(),
                p.retrainStop() != null)) {
            return false;
        }
        Value.Num point = p.rewindPoint();
        if (st.rewindSpan != null && point != null) {
            double k = checker.iterations(point);
            if (k > st.trainedAtMost) {
                diagnostics.error(st.rewindSpan, "'rewind to " + (point.unit() == Unit.EPOCHS ? "epoch " : "iteration ")
                        + Printer.number(point.value()) + "' needs "
                        + Printer.number(k) + " iterations of training before the cycles, and the recipe trains at "
                        + "most " + Printer.number(st.trainedAtMost) + " before 'run' on line " + run.line());
                st.rewindSpan = null;
            }
        }
        if (p.retrain() != null) {
            st.trainedAtMost += cycles * checker.iterations(p.retrain());
            policies.spectralActs(run, checker.iterations(p.retrain()), "each cycle's retraining");
        }
        return true;
    }

    /** The oracle trains one candidate per rate from the same state: nothing may happen inside its trainings. */
    boolean oracleAlone(Span span, Value.Ref lr, boolean stop) {
        if (lr == null || !lr.name().equals(ScheduleBuiltins.ORACLE) || !stop && checker.state.policy.gradual() == null) {
            return true;
        }
        diagnostics.error(span, "the oracle trains one candidate per rate from the same state, so it cannot be "
                + "combined with " + (stop ? "a stopping rule" : "pruning inside training") + "; give this training "
                + "a plain schedule");
        return false;
    }

    /** K of 'iteration K' or 'epoch K' as a length in that unit; null after reporting. */
    private Value.Num point(Expr e, Unit unit) {
        Value v = evaluator.eval(e, checker.scope(), null);
        if (v == null) {
            return null;
        }
        String word = unit == Unit.EPOCHS ? "epoch" : "iteration";
        if (!(v instanceof Value.Num n) || n.unit() != Unit.NONE && n.unit() != unit) {
            diagnostics.error(e.span(), "rewind to " + word + " takes a number, e.g. 'rewind to " + word
                    + (unit == Unit.EPOCHS ? " 2'" : " 500'") + ", got " + v.show());
            return null;
        }
        if (n.value() < 0 || unit == Unit.ITERATIONS && n.value() != Math.rint(n.value())) {
            diagnostics.error(e.span(), "rewind to " + word + " takes a " + (unit == Unit.ITERATIONS ? "whole " : "")
                    + "number >= 0, got " + n.show());
            return null;
        }
        return new Value.Num(n.value(), unit);
    }

    Step scratch(Statement.Scratch x) {
        Checker.State st = checker.state;
        Span span = x.span();
        Step.Scratch.Budget budget = Step.Scratch.Budget.GIVEN;
        Value.Num duration = null;
        boolean ok = true;
        if (x.budget() instanceof Expr.Name n && (n.name().equals("e") || n.name().equals("b"))) {
            budget = n.name().equals("e") ? Step.Scratch.Budget.EPOCHS : Step.Scratch.Budget.FLOPS;
            if (!st.trained) {
                diagnostics.error(n.span(), "scratch " + n.name() + " trains as long as the training before pruning"
                        + (n.name().equals("b") ? " (times the FLOPs saved)" : "") + ", and the recipe has not "
                        + "trained yet; give a length instead, e.g. 'scratch 3 epochs'");
                ok = false;
            }
        } else if (x.budget() instanceof Expr.Name n && !st.constants.containsKey(n.name())) {
            diagnostics.error(n.span(), "scratch takes 'e' (as long as the training before pruning), 'b' (that "
                    + "times the FLOPs saved) or a length such as '3 epochs', got '" + n.name() + "'");
            ok = false;
        } else {
            duration = policies.duration(x.budget(), "scratch");
            ok = duration != null;
        }
        Value.Ref lr = x.lr() == null ? null : policies.schedule(x.lr());
        ok &= x.lr() == null || lr != null;
        if (x.lr() == null && st.policy.lr() == null && checker.doubtful("lr")) {
            ok = false;
        } else if (x.lr() == null && st.policy.lr() == null) {
            diagnostics.error(span, "scratch needs a learning rate; add 'lr 0.1' before it or write 'scratch ... lr 0.1'");
            ok = false;
        }
        if (!checker.needNetwork(span, "scratch") || !ok) {
            return null;
        }
        st.trained = true;
        st.unusedPenalty = null;
        // Scratch-E and -B train as long as things only known at run time; no upper bound then.
        st.trainedAtMost += duration != null ? checker.iterations(duration) : Double.POSITIVE_INFINITY;
        checker.gradual().trains(duration != null ? checker.iterations(duration) : Double.POSITIVE_INFINITY);
        return new Step.Scratch(span, budget, duration, lr);
    }
}

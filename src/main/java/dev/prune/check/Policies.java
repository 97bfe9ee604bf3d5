package dev.prune.check;

import dev.prune.ast.Expr;
import dev.prune.ast.Printer;
import dev.prune.ast.Statement;
import dev.prune.ast.Unit;
import dev.prune.builtins.Kind;
import dev.prune.builtins.ScheduleBuiltins;
import dev.prune.builtins.Value;
import dev.prune.engine.Penalty;
import dev.prune.source.Diagnostics;
import dev.prune.source.Span;
import java.nio.file.Path;

/** Checks the training, pruning-cycle and reporting statements. */
final class Policies {
    private static final int DEFAULT_MAX_CYCLES = 100;

    private final Checker checker;
    private final Evaluator evaluator;
    private final Selection selection;
    private final Diagnostics diagnostics;
    private final PruneChecks prunes;
    private final ProcedureChecks procedures;

    Policies(Checker checker, Evaluator evaluator, Selection selection, Diagnostics diagnostics) {
        this.checker = checker;
        this.evaluator = evaluator;
        this.selection = selection;
        this.diagnostics = diagnostics;
        this.prunes = new PruneChecks(checker, evaluator, selection, diagnostics);
        this.procedures = new ProcedureChecks(checker, this, evaluator, diagnostics);
    }

    Step check(Statement.Train t) {
        Checker.State st = checker.state;
        Span span = t.span();
        Value.Num duration = duration(t.duration(), "train");
        Value.Ref lr = t.lr() == null ? null : schedule(t.lr());
        Value.Ref stop = t.stop() == null ? null : procedures.stop(t.stop());
        boolean network = checker.needNetwork(span, "train");
        if (t.lr() == null && st.policy.lr() == null && checker.doubtful("lr")) {
            return null;
        }
        if (t.lr() == null && st.policy.lr() == null) {
            diagnostics.error(span, "train needs a learning rate; add 'lr 0.1' before it or write 'train ... lr 0.1'");
            return null;
        }
        if (duration == null || network == false || t.lr() != null && lr == null || t.stop() != null && stop == null) {
            return null;
        }
        if (t.lr() != null) {
            oracleData(lr, t.lr().span());
        } else {
            oracleData(st.policy.lr(), st.lrSpan);
        }
        if (!procedures.oracleAlone(span, t.lr() != null ? lr : st.policy.lr(), stop != null)) {
            return null;
        }
        st.trained = true;
        st.unusedPenalty = null;
        if (st.policy.gradual() != null) {
            st.unusedPrunePolicy = null; // a policy inside training is at work in this one
        }
        st.trainedAtMost += checker.iterations(duration);
        checker.gradual().trains(checker.iterations(duration));
        spectralActs(span, checker.iterations(duration), "this training");
        return new Step.Train(span, duration, lr, stop);
    }

    /**
     * Warns when the spectral penalty in force cannot step in a training of at most
     * {@code iterations}: its counter starts again with every training, so a training shorter than
     * its 'every' trains as if it were not there, and the run would not say so.
     */
    void spectralActs(Span span, double iterations, String what) {
        Value.Ref ref = checker.state.policy.penalty();
        if (ref == null || !ref.name().equals("spectral") || Double.isNaN(iterations)) {
            return;
        }
        Penalty.Spectral s = checker.registry().create(ref, Penalty.class).spectral();
        if (s != null && iterations < s.every()) {
            diagnostics.warning(span, what + " runs " + Printer.number(iterations) + " iterations and the spectral "
                    + "penalty in force steps every " + s.every() + ", counted from the start of each training, so it "
                    + "never acts here; lower its 'every' or train longer");
        }
    }

    Step check(Statement.Retrain t) {
        Checker.State st = checker.state;
        Span span = t.span();
        Value.Num duration = duration(t.duration(), "retrain");
        Value.Ref lr = t.lr() == null ? null : schedule(t.lr());
        Value.Ref stop = t.stop() == null ? null : procedures.stop(t.stop());
        if (duration == null || t.lr() != null && lr == null || t.stop() != null && stop == null) {
            return null;
        }
        st.retrainLrSpan = t.lr() == null ? null : t.lr().span();
        return new Step.SetRetrain(span, duration, lr, stop);
    }

    Step check(Statement.Lr l) {
        Checker.State st = checker.state;
        Span span = l.span();
        Value.Ref schedule = schedule(l.schedule());
        if (schedule == null) {
            return null;
        }
        st.lrSpan = l.schedule().span();
        return new Step.SetLr(span, schedule);
    }

    Step check(Statement.Penalty p) {
        return procedures.penalty(p);
    }

    Step check(Statement.Prune p) {
        return prunes.check(p);
    }

    Step check(Statement.Rewind r) {
        return procedures.rewind(r);
    }

    Step check(Statement.Scratch x) {
        return procedures.scratch(x);
    }

    Step check(Statement.Checkpoint c) {
        Checker.State st = checker.state;
        Span span = c.span();
        if (c.name().equals(Step.SetRewind.RANDOM)) {
            diagnostics.error(span, "'random' is not a checkpoint: 'rewind to random' draws fresh weights; "
                    + "choose another name");
            return null;
        }
        if (!st.checkpoints.contains(c.name())) {
            st.checkpoints.add(c.name());
        }
        return checker.needNetwork(span, "checkpoint") ? new Step.TakeCheckpoint(span, c.name()) : null;
    }

    Step check(Statement.Freeze f) {
        Checker.State st = checker.state;
        Span span = f.span();
        if (!checker.needNetwork(span, "freeze")) {
            return null;
        }
        LayerRule rule = selection.resolve(f.layers(), st.network, st.constants);
        return rule == null ? null : new Step.SetFreeze(span, rule);
    }

    Step check(Statement.Unfreeze u) {
        Checker.State st = checker.state;
        Span span = u.span();
        if (u.layers() == null) {
            return new Step.Unfreeze(span, null);
        }
        if (!checker.needNetwork(span, "unfreeze")) {
            return null;
        }
        LayerRule rule = selection.resolve(u.layers(), st.network, st.constants);
        return rule == null ? null : new Step.Unfreeze(span, rule);
    }

    Step check(Statement.Finetune f) {
        Span span = f.span();
        Condition when = condition(f.condition());
        return when == null ? null : new Step.SetFinetune(span, when);
    }

    Step check(Statement.RunCycles r) {
        return runCycles(r);
    }

    Step check(Statement.RunUntil r) {
        return runUntil(r);
    }

    Step check(Statement.Evaluate s) {
        Span span = s.span();
        return checker.needNetwork(span, "evaluate") ? new Step.Evaluate(span) : null;
    }

    Step check(Statement.Report s) {
        Span span = s.span();
        return new Step.Report(span);
    }

    Step check(Statement.Save v) {
        return save(v);
    }

    Step check(Statement.Compact c) {
        return compact(c);
    }

    Step check(Statement.Expect e) {
        Span span = e.span();
        Condition claim = condition(e.claim());
        Condition at = e.at() == null ? null : condition(e.at());
        return claim == null || e.at() != null && at == null ? null : new Step.Expect(span, claim, at);
    }

    private Step runCycles(Statement.RunCycles r) {
        Value v = evaluator.eval(r.count(), checker.scope(), null);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Value.Num n) || n.unit() != Unit.CYCLES && n.unit() != Unit.NONE
                || n.value() != Math.rint(n.value()) || n.value() < 1) {
            diagnostics.error(r.count().span(), "run takes a whole number of cycles, e.g. 'run 5 cycles', got " + v.show());
            return null;
        }
        if (n.value() > Limits.MAX_CYCLES) {
            diagnostics.error(r.count().span(), "run takes at most " + Limits.MAX_CYCLES + " cycles, got " + v.show());
            return null;
        }
        if (!readyToCycle(r.span())) {
            return null;
        }
        if (!procedures.cycled(r.span(), (int) n.value())) {
            return null;
        }
        checker.state.unusedPrunePolicy = null;
        checker.state.unusedPenalty = null;
        retrains((int) n.value());
        return new Step.RunCycles(r.span(), (int) n.value());
    }

    private Step runUntil(Statement.RunUntil r) {
        Condition until = condition(r.condition());
        int max = DEFAULT_MAX_CYCLES;
        if (r.max() != null) {
            Value v = evaluator.eval(r.max(), checker.scope(), null);
            if (!(v instanceof Value.Num n) || n.unit() != Unit.CYCLES && n.unit() != Unit.NONE || n.value() < 1
                    || n.value() > Limits.MAX_CYCLES || n.value() != Math.rint(n.value())) {
                diagnostics.error(r.max().span(), "max takes a whole number of cycles up to " + Limits.MAX_CYCLES
                        + ", e.g. 'max 30 cycles'");
                return null;
            }
            max = (int) n.value();
        }
        if (until == null || !readyToCycle(r.span())) {
            return null;
        }
        if (!procedures.cycled(r.span(), max)) {
            return null;
        }
        checker.state.unusedPrunePolicy = null;
        checker.state.unusedPenalty = null;
        retrains(max);
        return new Step.RunUntil(r.span(), until, max);
    }

    /** At most {@code cycles} cycles each retrain at most the retrain policy's length, on a gradual policy's clock. */
    private void retrains(int cycles) {
        Value.Num retrain = checker.state.policy.retrain();
        if (retrain != null) {
            checker.gradual().trains(cycles * checker.iterations(retrain));
        }
    }

    private boolean readyToCycle(Span span) {
        Checker.State st = checker.state;
        Policy p = st.policy;
        boolean retrain = p.retrain() != null;
        boolean ok = checker.needNetwork(span, "run");
        if (st.historyCriterion != null && !st.trained) {
            diagnostics.error(span, "the pruning policy's " + st.historyCriterion + " compares the weights before and "
                    + "after the last training, but nothing trains before the first cycle prunes; add 'train ...' "
                    + "before run");
            ok = false;
        }
        if (p.pruning() == null && checker.doubtful("prune")) {
            ok = false;
        } else if (p.pruning() == null) {
            diagnostics.error(span, "run needs a pruning policy; add e.g. 'prune l1 by 20% every cycle' before it");
            ok = false;
        }
        if (retrain && p.lr() == null && p.retrainLr() == null && checker.doubtful("lr")) {
            ok = false;
        } else if (retrain && p.lr() == null && p.retrainLr() == null) {
            diagnostics.error(span, "the cycles retrain but no learning rate is set; add 'lr 0.1' before run");
            ok = false;
        }
        if (!retrain && ok && !checker.doubtful("retrain")) {
            diagnostics.warning(span, "no 'retrain' policy: the cycles prune and evaluate without retraining");
        }
        if (retrain && ok) {
            ok = p.retrainLr() != null ? oracleData(p.retrainLr(), st.retrainLrSpan) : oracleData(p.lr(), st.lrSpan);
        }
        if (retrain && ok && p.pruning() != null) {
            ok = p.retrainLr() != null ? followsPolicy(p.retrainLr(), st.retrainLrSpan) : followsPolicy(p.lr(), st.lrSpan);
        }
        return ok;
    }

    private Step save(Statement.Save v) {
        if (!writable(v.path(), v.span(), "save")) {
            return null;
        }
        return checker.needNetwork(v.span(), "save") ? new Step.Save(v.span(), v.path()) : null;
    }

    private Step compact(Statement.Compact c) {
        if (c.path() != null && !writable(c.path(), c.span(), "compact")) {
            return null;
        }
        if (!checker.needNetwork(c.span(), "compact")) {
            return null;
        }
        if (!checker.state.network.kept().isEmpty()) {
            diagnostics.error(c.span(), "compact leaves out whole units, and model " + checker.state.network.name()
                    + " has layers prune runs as saved and cannot shrink: " + checker.state.network.keptNames());
            return null;
        }
        try {
            new dev.prune.engine.ChannelGroups(checker.state.network);
        } catch (dev.prune.engine.Topology.Coupled e) {
            diagnostics.error(c.span(), "compact leaves out whole channels, and in model " + checker.state.network.name()
                    + " " + e.getMessage());
            return null;
        }
        if (!checker.state.structured) {
            diagnostics.warning(c.span(), "compact leaves out whole units, and no criterion that removes "
                    + "whole units prunes before it; the network may stay the same size");
        }
        return new Step.Compact(c.span(), c.path());
    }

    /** Files go inside the run directory unless the command line allows the path; false after reporting. */
    private boolean writable(String file, Span span, String what) {
        Path path = Path.of(file).normalize();
        if (file.isBlank()) {
            diagnostics.error(span, what + " needs a file name, e.g. " + what + " \"model.zip\"");
            return false;
        }
        if ((path.isAbsolute() || path.startsWith("..")) && !checker.state.writableOutside.test(file)) {
            diagnostics.error(span, what + " writes inside the run directory; give a relative path without '..', "
                    + "e.g. " + what + " \"model.zip\", or allow this path with prune run --allow-write PATH");
            return false;
        }
        String record = RunRecords.overwritten(path);
        if (record != null) {
            diagnostics.error(span, what + " would write over " + record + ", which the run directory keeps for "
                    + "its own records; choose another name, e.g. " + what + " \"model.zip\"");
            return false;
        }
        return true;
    }

    Condition condition(Expr e) {
        Boolean ok = evaluator.condition(e, checker.scope().withMetrics(Scope.Metrics.RUN, null));
        return ok == null ? null : new Condition(e, checker.state.constants, Checker.show(e));
    }

    Value.Num duration(Expr e, String what) {
        Value v = evaluator.eval(e, checker.scope(), null);
        if (v == null) {
            return null;
        }
        if (v instanceof Value.Num n && (n.unit() == Unit.EPOCHS || n.unit() == Unit.ITERATIONS)) {
            if (n.value() <= 0 || n.unit() == Unit.ITERATIONS && n.value() != Math.rint(n.value())) {
                diagnostics.error(e.span(), what + " takes a positive length, got " + n.show());
                return null;
            }
            double max = n.unit() == Unit.EPOCHS ? Limits.MAX_EPOCHS : Limits.MAX_ITERATIONS;
            if (n.value() > max) {
                diagnostics.error(e.span(), what + " takes at most " + dev.prune.builtins.Format.number(max) + " "
                        + (n.unit() == Unit.EPOCHS ? "epochs" : "iterations") + ", got " + n.show());
                return null;
            }
            return n;
        }
        if (v instanceof Value.Num n && n.unit() == Unit.NONE) {
            diagnostics.error(e.span(), what + " needs a unit: write '" + what + " " + n.show() + " epochs' or '"
                    + what + " " + n.show() + " iterations'");
        } else {
            diagnostics.error(e.span(), what + " takes a number of epochs or iterations, got " + v.show());
        }
        return null;
    }

    /**
     * An S-shaped schedule raises its peak with the sparsity it works out from a pruning rate: the
     * policy's, or one given that must be the same; false after reporting.
     */
    private boolean followsPolicy(Value.Ref schedule, Span where) {
        Checker.State st = checker.state;
        if (schedule == null) {
            return true;
        }
        PruneSpec policy = st.policy.pruning();
        boolean gradual = st.policy.gradual() != null;
        double rate = gradual ? Double.NaN : policy.cycleRate();
        for (Value.Ref s : Schedules.sShaped(schedule)) {
            Value given = s.args().get(ScheduleBuiltins.S_RATE);
            String at = " (prune at " + st.pruneSpan.where() + ")";
            // 'by X%' states the rate; the pace of 'to T over N cycles' is worked out, so any rate near it may be written.
            if (given instanceof Value.Num n && policy.rate() > 0 && !gradual && Math.abs(n.plain() - rate) > 1e-9) {
                diagnostics.error(where, s.name() + "'s rate=" + n.show() + " is not the pruning policy's "
                        + dev.prune.builtins.Format.number(100 * rate) + "%" + at + "; leave the rate out and "
                        + s.name() + " follows the policy");
                return false;
            }
            if (given == null && Double.isNaN(rate)) {
                String why = gradual ? "prunes inside training, not by a rate per cycle"
                        : policy.perLayer() ? "gives layers rates of their own"
                        : "decides each step's share from the weights";
                diagnostics.error(where, s.name() + " follows the pruning policy's rate per cycle, and the policy"
                        + at + " " + why + "; give the rate its S should follow, e.g. " + s.name() + "(..., rate=20%)");
                return false;
            }
        }
        return true;
    }

    /** The oracle chooses by validation accuracy, so the data it trains on must hold some out. */
    private boolean oracleData(Value.Ref schedule, Span where) {
        Checker.State st = checker.state;
        if (schedule == null || !schedule.name().equals(ScheduleBuiltins.ORACLE) || st.data == null
                || st.data.validationCount() > 0) {
            return true;
        }
        diagnostics.error(where, "the oracle picks each phase's rate by validation accuracy, but the data has no "
                + "validation split; hold some training examples out, e.g. 'data " + st.data.name() + "(val=1000)'");
        return false;
    }

    Value.Ref schedule(Expr e) {
        Value v = evaluator.eval(e, checker.scope(), Kind.SCHEDULE);
        if (v instanceof Value.Num n && n.unit() == Unit.NONE) {
            if (n.value() <= 0) {
                diagnostics.error(e.span(), "a learning rate must be positive, got " + n.show());
                return null;
            }
            return Schedules.constant(checker.registry(), n.value());
        }
        Value.Ref ref = checker.ofKind(v, e, Kind.SCHEDULE);
        if (ref != null && ref.name().equals(ScheduleBuiltins.ORACLE)
                && ((Value.ListV) ref.args().get("grid")).items().isEmpty()) {
            diagnostics.error(e.span(), "the oracle's grid needs at least one rate to try, e.g. grid=[0.01, 0.05, 0.1]");
            return null;
        }
        return ref;
    }
}

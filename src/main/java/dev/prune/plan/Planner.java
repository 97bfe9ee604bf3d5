package dev.prune.plan;

import dev.prune.ast.Unit;
import dev.prune.builtins.DataSource;
import dev.prune.builtins.Format;
import dev.prune.builtins.Registry;
import dev.prune.builtins.Value;
import dev.prune.check.Condition;
import dev.prune.check.Policy;
import dev.prune.check.PruneSpec;
import dev.prune.check.Step;
import dev.prune.engine.NetworkSpec;
import dev.prune.pruning.Amounts;
import dev.prune.schedules.LrSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Walks checked steps as the interpreter would, keeping the policies in force and the planned
 * masks, and writes one {@link PlanRow} per phase. The rules mirror {@code dev.prune.interp}: the
 * cycle order (prune, rewind, freeze, retrain), the amount of each step, the dense training whose
 * schedule LR rewinding replays, and the learning-rate context of each phase ({@link Phases}).
 */
public final class Planner {
    /** The plan of a recipe; {@code network} and {@code data} are the first the recipe names. */
    public record Plan(NetworkSpec network, DataSource data, List<PlanRow> rows) {}

    /** Everything the plan follows; copied at a sweep so that each variant starts from it. */
    static final class State {
        NetworkSpec network;
        DataSource data;
        PlannedMasks masks;
        /** The policies in force, as the interpreter folds them. */
        Policy policy = Policy.NONE;
        int pruneCycles;
        TreeSet<Integer> frozen = new TreeSet<>();
        LrSchedule original;
        int originalIterations;
        double stepRate;
        int cycles;
        double epochs;
        String variant = "";
        long gradualClock;
        double gradualInitial = Double.NaN;

        State copy() {
            State c = new State();
            c.network = network;
            c.data = data;
            c.masks = masks == null ? null : masks.copy();
            c.policy = policy;
            c.pruneCycles = pruneCycles;
            c.frozen = new TreeSet<>(frozen);
            c.original = original;
            c.originalIterations = originalIterations;
            c.stepRate = stepRate;
            c.cycles = cycles;
            c.epochs = epochs;
            c.variant = variant;
            c.gradualClock = gradualClock;
            c.gradualInitial = gradualInitial;
            return c;
        }
    }

    private State state = new State();
    private final Planning planning = new Planning();
    private final Phases phases;
    private final Decisions decisions;
    private final List<PlanRow> rows = new ArrayList<>();
    private NetworkSpec firstNetwork;
    private DataSource firstData;

    private final ProcedurePlan procedures;

    private final Registry registry;

    private Planner(Registry registry) {
        this.registry = registry;
        this.phases = new Phases(registry);
        this.decisions = new Decisions(registry);
        this.procedures = new ProcedurePlan(registry);
    }

    public static Plan plan(List<Step> steps, Registry registry) {
        Planner planner = new Planner(registry);
        steps.forEach(planner::step);
        return new Plan(planner.firstNetwork, planner.firstData, List.copyOf(planner.rows));
    }

    private void step(Step step) {
        step.accept(planning);
        state.policy = state.policy.after(step);
    }

    /**
     * What each kind of step does to the plan: one method per kind, so a new kind of step that
     * the planner does not handle fails to compile. The policies a step sets are {@link Policy}'s
     * to fold, once the step is planned.
     */
    private final class Planning implements Step.ActionVisitor<Void> {
        @Override
        public Void policy(Step s) {
            return null;
        }

        @Override
        public Void visit(Step.UseModel m) {
            network(m.network());
            return null;
        }

        @Override
        public Void visit(Step.UseData d) {
            state.data = d.data();
            firstData = firstData == null ? d.data() : firstData;
            if (d.network() != null) {
                network(d.network().network());
            }
            return null;
        }

        @Override
        public Void visit(Step.Train t) {
            rows.add(train("train", t.duration(), t.lr() != null ? t.lr() : state.policy.lr(), state.cycles, 0,
                    t.stop() == null ? List.of() : List.of(ProcedurePlan.stopping(t.stop()))));
            return null;
        }

        @Override
        public Void visit(Step.PruneNow p) {
            prune(p.prune(), false);
            rows.add(new PlanRow(state.variant, "prune", state.masks.sparsity(), state.masks.layers(),
                    state.masks.exact(), 0, 0, List.of(), Double.NaN, Double.NaN, 0, "", "", frozen(),
                    List.of("one-shot: " + describe(p.prune()))));
            return null;
        }

        @Override
        public Void visit(Step.SetPrune p) {
            state.pruneCycles = 0;
            return null;
        }

        @Override
        public Void visit(Step.SetGradual g) {
            procedures.start(state, g);
            return null;
        }

        @Override
        public Void visit(Step.Scratch x) {
            List<String> notes = new ArrayList<>();
            long iterations = ProcedurePlan.scratchIterations(state, x, notes);
            Value.Ref lr = x.lr() != null ? x.lr() : state.policy.lr();
            rows.add(train("scratch", new Value.Num(iterations, Unit.ITERATIONS), lr, state.cycles + 1, 0, notes));
            state.cycles++;
            return null;
        }

        @Override
        public Void visit(Step.Unfreeze u) {
            if (u.rule() == null) {
                state.frozen.clear();
            } else {
                state.frozen.removeAll(u.rule().fixed());
            }
            return null;
        }

        @Override
        public Void visit(Step.RunCycles r) {
            cycles(r.cycles(), null);
            return null;
        }

        @Override
        public Void visit(Step.RunUntil r) {
            cycles(r.max(), r.until());
            return null;
        }

        @Override
        public Void visit(Step.Sweep w) {
            sweep(w);
            return null;
        }

        // seed, optimizer, checkpoints, evaluate, report, save and expect change nothing planned; a rewind
        // policy is the Policy's, shown in each cycle's row

        @Override
        public Void visit(Step.SetRewind r) {
            return null;
        }

        @Override
        public Void visit(Step.UseSeed s) {
            return null;
        }

        @Override
        public Void visit(Step.UseOptimizer s) {
            return null;
        }

        @Override
        public Void visit(Step.TakeCheckpoint s) {
            return null;
        }

        @Override
        public Void visit(Step.Evaluate s) {
            return null;
        }

        @Override
        public Void visit(Step.Report s) {
            return null;
        }

        @Override
        public Void visit(Step.Save s) {
            return null;
        }

        @Override
        public Void visit(Step.Compact s) {
            if (state.masks != null) {
                // The run goes on with the smaller network: later sparsity counts its weights.
                state.masks.compact();
            }
            return null;
        }

        @Override
        public Void visit(Step.Expect s) {
            return null;
        }
    }

    private void network(NetworkSpec network) {
        state.network = network;
        state.masks = new PlannedMasks(network);
        state.frozen.clear();
        state.cycles = 0;
        firstNetwork = firstNetwork == null ? network : firstNetwork;
    }

    private void sweep(Step.Sweep w) {
        State start = state;
        for (Step.Variant v : w.variants()) {
            state = start.copy();
            // a sweep inside a variant makes a grid: "a=1,b=init", outer first, as the records name it
            state.variant = (start.variant.isEmpty() ? "" : start.variant + ",") + w.name() + "=" + v.label();
            v.steps().forEach(this::step);
        }
        state = start;
    }

    private void cycles(int max, Condition until) {
        boolean decided = until == null || decisions.known(until);
        int total = state.cycles + max;
        for (int n = 0; n < max; n++) {
            if (until != null && decided && decisions.holds(until, state)) {
                return;
            }
            cycle(total, until != null && !decided ? until : null);
        }
    }

    private void cycle(int totalCycles, Condition openEnd) {
        int cycle = state.cycles + 1;
        Policy policy = state.policy;
        List<String> notes = new ArrayList<>();
        prune(policy.prune(), true);
        if (cycle == 1 && policy.prune() != null && !policy.prune().groups().isEmpty()) {
            notes.add("cuts " + policy.prune().groups());
        }
        if (policy.prune() != null && policy.prune().amount() != null) {
            notes.add("prune by " + policy.prune().amount().show() + ": each step's share comes from the weights at "
                    + "run time; the sparsity shown leaves it out");
        }
        if (policy.freeze() != null) {
            if (policy.freeze().dynamic()) {
                notes.add("freeze " + policy.freeze().text() + ": decided at run time from each layer's change");
            } else {
                state.frozen.addAll(policy.freeze().fixed());
            }
        }
        boolean retrain = policy.retrain() != null;
        if (retrain && policy.finetune() != null) {
            if (decisions.known(policy.finetune())) {
                retrain = decisions.holds(policy.finetune(), state);
            } else {
                notes.add("fine-tunes only if " + policy.finetune().text() + " (decided at run time)");
            }
        }
        if (openEnd != null) {
            notes.add("runs only until " + openEnd.text() + " holds");
        }
        if (retrain && policy.retrainStop() != null) {
            notes.add(ProcedurePlan.stopping(policy.retrainStop()));
        }
        PlanRow row;
        if (retrain) {
            row = train("cycle " + cycle, policy.retrain(), policy.retrainSchedule(), cycle, totalCycles, notes);
        } else {
            row = new PlanRow(state.variant, "cycle " + cycle, state.masks.sparsity(), state.masks.layers(),
                    state.masks.exact(), 0, 0, List.of(), Double.NaN, Double.NaN, 0, "", rewind(), frozen(), notes);
        }
        rows.add(row);
        state.cycles = cycle;
        state.pruneCycles++;
    }

    /** The cycle's pruning step, with the amount the interpreter would take for it. */
    private void prune(PruneSpec spec, boolean policy) {
        if (spec == null) {
            return;
        }
        if (spec.amount() != null) {
            // SAP's share comes from the weights, which a plan does not have: it counts no step.
            return;
        }
        int left = policy ? Math.max(1, spec.over() - state.pruneCycles) : 1;
        if (spec.perLayer()) {
            double before = state.masks.sparsity(spec.layers());
            for (PruneSpec.Share s : spec.shares()) {
                double rate = s.stepRate(state.masks.sparsity(s.layers()), left);
                if (rate > 0) {
                    cut(spec, rate, s.layers());
                }
            }
            state.stepRate = before >= 1 ? 0 : 1 - (1 - state.masks.sparsity(spec.layers())) / (1 - before);
            return;
        }
        double rate = spec.rate();
        if (spec.target() > 0) {
            rate = Amounts.rateToward(state.masks.sparsity(spec.layers()), spec.target(), left);
        }
        if (rate <= 0) {
            return;
        }
        cut(spec, rate, spec.layers());
        state.stepRate = rate;
    }

    /** One step of {@code spec}'s criterion: whole units with what reads them when it is structured. */
    private void cut(PruneSpec spec, double rate, java.util.Set<Integer> layers) {
        if (spec.structured()) {
            state.masks.pruneUnits(rate, layers, spec.global());
        } else {
            state.masks.prune(rate, layers, spec.global());
        }
    }

    /** Each projected layer's rank, weights and multiply-adds an example, factored against dense. */
    private static String projected(NetworkSpec net, dev.prune.engine.Penalty.Projection p) {
        List<String> parts = new ArrayList<>();
        List<String> norms = dev.prune.engine.Norms.after(net);
        for (int l = 0; l < net.layers().size(); l++) {
            if (dev.prune.pruning.LowRank.projected(net.layers().get(l))) {
                int rank = p.rankOf(dev.prune.pruning.LowRank.fullRank(net, l));
                parts.add(dev.prune.pruning.LowRank.describe(net, l, rank)
                        + (norms.get(l) == null ? "" : " with '" + norms.get(l) + "' folded in"));
            }
        }
        return String.join(", ", parts);
    }

    private PlanRow train(String phase, Value.Num duration, Value.Ref lr, int cycle, int totalCycles,
                          List<String> notes) {
        int perEpoch = Phases.iterationsPerEpoch(state.data);
        int iterations = duration.unit() == Unit.EPOCHS ? (int) Math.round(duration.value() * perEpoch)
                : (int) duration.value();
        Phases.Rates rates = phases.rates(lr, iterations, perEpoch, cycle, totalCycles, state);
        List<String> all = new ArrayList<>(notes);
        if (state.policy.penalty() != null) {
            dev.prune.engine.Penalty made = registry.create(state.policy.penalty(), dev.prune.engine.Penalty.class);
            dev.prune.engine.Penalty.Projection p = made.projection();
            // SCL's sparsity is what the training learns: no plan can know it.
            String learned = made.learnsMasks() ? "; it learns the masks, so the sparsity above leaves them out" : "";
            all.add(p != null ? state.policy.penalty().show() + ": every " + p.every() + " iterations and after the "
                    + "last, " + projected(state.network, p)
                    : made.noAid() ? "penalty " + state.policy.penalty().show() + " in the loss" + learned
                    : tostNote(made, iterations));
        }
        all.addAll(rates.notes());
        all.addAll(procedures.during(state, iterations));
        state.epochs += (double) iterations / perEpoch;
        if (cycle == 0 && state.cycles == 0) {
            if (state.original == null) {
                state.original = rates.followed();
            }
            state.originalIterations += iterations;
        }
        return new PlanRow(state.variant, phase, state.masks.sparsity(), state.masks.layers(), state.masks.exact(),
                iterations, (double) iterations / perEpoch, rates.curves(), rates.max(), rates.min(), rates.trainings(),
                rates.name(), phase.equals("train") ? "" : phase.equals("scratch") ? "random" : rewind(), frozen(), all);
    }

    private String describe(PruneSpec p) {
        if (p.perLayer()) {
            boolean targets = p.shares().get(0).target() > 0;
            String shares = p.shares().stream().map(s -> Format.number(100 * (targets ? s.target() : s.rate()))
                    + "% of " + names(s.layers())).collect(Collectors.joining(", "));
            return "prune " + (p.global() ? "global " : "") + p.text() + (targets ? " to " : " by ") + shares
                    + (p.groups().isEmpty() ? "" : "; " + p.groups());
        }
        String amount = p.amount() != null ? "by " + p.amount().show() + " (decided at run time from the weights)"
                : p.rate() > 0 ? "by " + Format.number(100 * p.rate()) + "%"
                : "to " + Format.number(100 * p.target()) + "%";
        return "prune " + (p.global() ? "global " : "") + p.text() + " " + amount + " of " + names(p.layers())
                + (p.groups().isEmpty() ? "" : "; " + p.groups());
    }

    private String names(java.util.Set<Integer> layers) {
        return layers.stream().sorted().map(l -> state.network.layers().get(l).name()).collect(Collectors.joining(" "));
    }

    private String rewind() {
        String target = ProcedurePlan.rewind(state.policy);
        return target == null ? "-" : target;
    }

    private String frozen() {
        return state.frozen.stream().map(l -> state.network.layers().get(l).name()).collect(Collectors.joining(" "));
    }

    /** What ToST's aids do to a training of {@code iterations}, for the plan. */
    private static String tostNote(dev.prune.engine.Penalty t, int iterations) {
        List<String> parts = new ArrayList<>();
        int ghost = dev.prune.engine.Ghost.steps(t.ghost(), iterations);
        if (ghost > 0) {
            parts.add("ghost connections for the first " + ghost + " iterations");
        }
        if (t.rescale()) {
            parts.add("kept weights x 1/sqrt(density) when starting from an initialisation");
        }
        if (t.labelSmoothing() > 0) {
            parts.add("label smoothing " + dev.prune.builtins.Format.number(t.labelSmoothing()));
        }
        return "tost: " + String.join(", ", parts);
    }
}

package dev.prune.bench;

import dev.prune.builtins.Builtin;
import dev.prune.builtins.Kind;
import dev.prune.builtins.Registry;
import dev.prune.engine.NetworkSpec;
import dev.prune.pruning.Criterion;
import dev.prune.pruning.MaskPlanner;
import dev.prune.pruning.Probe;
import dev.prune.pruning.ScoreInputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times the pruning step of every criterion in the registry, with its default arguments, on the
 * weights of a real network: scoring, then choosing 20% of the weights globally. Criteria that
 * read gradients, activations or the weights before training get them from the engine, as in a
 * run, so their time includes the engine's work.
 */
final class CriterionTiming {
    private static final int REPEATS = 3;

    private CriterionTiming() {
    }

    /**
     * @param fresh run before each timed repeat: makes the engine forget the unit statistics it
     *              keeps for the weights, so that every repeat of DropNet or APoZ pays its own pass
     */
    static void run(Registry registry, NetworkSpec spec, List<float[]> weights, Probe probe, String subject,
                    Table table, Runnable fresh) {
        List<float[]> masks = new ArrayList<>();
        for (float[] w : weights) {
            float[] m = new float[w.length];
            Arrays.fill(m, 1f);
            masks.add(m);
        }
        boolean[] selected = new boolean[weights.size()];
        Arrays.fill(selected, true);
        ScoreInputs inputs = new ScoreInputs(spec, weights, masks, 1, probe);
        for (Builtin<?> b : registry.ofKind(Kind.CRITERION)) {
            Criterion criterion;
            try {
                criterion = (Criterion) b.create(Defaults.of(b));
            } catch (RuntimeException e) {
                table.add(new Row("scoring", subject, b.name(), Double.NaN, "ms", "not timed: " + e.getMessage()));
                continue;
            }
            if (spec.layers().stream().noneMatch(l -> criterion.supports(l.kind()))) {
                table.add(new Row("scoring", subject, b.name(), Double.NaN, "ms",
                        "not applicable: no layer of a kind it prunes"));
                continue;
            }
            double[] scoring = new double[REPEATS];
            double[] step = new double[REPEATS];
            try {
                time(criterion, inputs, masks, selected, scoring, step, fresh);
            } catch (RuntimeException e) {
                table.add(new Row("scoring", subject, b.name(), Double.NaN, "ms", "not timed: " + e.getMessage()));
                continue;
            }
            table.add(new Row("scoring", subject, b.name() + " scores", median(scoring), "ms", "median of " + REPEATS));
            table.add(new Row("scoring", subject, b.name() + " scores+masks", median(step), "ms",
                    "global 20%, median of " + REPEATS));
        }
    }

    private static void time(Criterion criterion, ScoreInputs inputs, List<float[]> masks, boolean[] selected,
                             double[] scoring, double[] step, Runnable fresh) {
        for (int r = 0; r < REPEATS; r++) {
            fresh.run();
            long start = System.nanoTime();
            List<float[]> scores = criterion.scores(inputs);
            long scored = System.nanoTime();
            MaskPlanner.prune(scores, masks, selected, 0.2, true);
            long end = System.nanoTime();
            scoring[r] = (scored - start) / 1e6;
            step[r] = (end - start) / 1e6;
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

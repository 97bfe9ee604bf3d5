package dev.prune.bench;

import dev.prune.dl4j.Dl4jBench;
import dev.prune.dl4j.Dl4jEngine;
import java.lang.management.ManagementFactory;

/**
 * Times what one pruning cycle asks of the unit statistics on the same weights: the record's
 * dead-neuron rate over the first 10,000 training examples, then DropNet's and APoZ's scores over
 * all of them (their defaults). Shared, the engine makes one pass and carries it on past
 * example 10,000; not shared, one pass per question, as before the statistics were kept. The two
 * alternate, in CPU time of the calling thread (with one thread, what the work costs).
 */
final class StatisticsTiming {
    /** The examples the dead-neuron rate reads each cycle ({@code interp.CycleRunner}). */
    private static final int DNR_EXAMPLES = 10_000;
    private static final int ROUNDS = 3;

    private StatisticsTiming() {
    }

    static void run(Dl4jEngine engine, String subject, Table table) {
        double[] shared = new double[ROUNDS];
        double[] separate = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            Dl4jBench.shareActivity(engine, true);
            shared[r] = cycle(engine);
            Dl4jBench.shareActivity(engine, false);
            separate[r] = cycle(engine);
        }
        Dl4jBench.shareActivity(engine, true);
        table.add(new Row("scoring", subject, "dnr+dropnet+apoz shared pass", CriterionTiming.median(shared), "cpu s",
                "one cycle's statistics, median of " + ROUNDS + ", alternating"));
        table.add(new Row("scoring", subject, "dnr+dropnet+apoz a pass each", CriterionTiming.median(separate),
                "cpu s", "one cycle's statistics, median of " + ROUNDS + ", alternating"));
    }

    private static double cycle(Dl4jEngine engine) {
        long start = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        engine.unitActivity(DNR_EXAMPLES);
        engine.unitActivity(0);
        engine.unitActivity(0);
        return (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - start) / 1e9;
    }
}

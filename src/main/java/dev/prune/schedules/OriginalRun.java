package dev.prune.schedules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the retraining schedules of Renda et al. 2020 and Zimmer et al. (BIMP) read off the dense
 * training's schedule: its largest rate, its smallest rate after the peak, and where the peak is.
 * BIMP ignores the original warm-up when taking the minimum; the peak is where any warm-up ends,
 * so "after the peak" is the same thing without having to know how the warm-up was written.
 *
 * <p>Reading them means evaluating the whole dense schedule, tens of thousands of iterations, and
 * a schedule is asked once per retraining iteration; the summaries are therefore kept in a small
 * cache. Schedules are pure, so equal schedules over equal lengths have equal summaries.
 *
 * @param peak first iteration at which the dense schedule reaches {@code max}
 */
record OriginalRun(double max, double min, int peak, int iterations) {

    private record Key(LrSchedule schedule, int iterations, int iterationsPerEpoch, int totalCycles) {}

    private static final int CACHED = 16;
    private static final Map<Key, OriginalRun> CACHE = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, OriginalRun> eldest) {
            return size() > CACHED;
        }
    };

    /** The dense training of this context, or a clear failure when the recipe had none. */
    static OriginalRun of(LrContext context, String schedule) {
        if (context.original() == null || context.originalIterations() <= 0) {
            throw new IllegalStateException(schedule + " retrains with rates taken from the dense training's "
                    + "schedule, and there was no dense training before pruning");
        }
        Key key = new Key(context.original(), context.originalIterations(), context.iterationsPerEpoch(),
                context.totalCycles());
        synchronized (CACHE) {
            OriginalRun known = CACHE.get(key);
            if (known != null) {
                return known;
            }
        }
        OriginalRun run = scan(context);
        synchronized (CACHE) {
            CACHE.put(key, run);
        }
        return run;
    }

    private static OriginalRun scan(LrContext context) {
        double max = Double.NEGATIVE_INFINITY;
        int peak = 0;
        double[] rates = new double[context.originalIterations()];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = context.original().at(context.inOriginal(i));
            if (rates[i] > max) {
                max = rates[i];
                peak = i;
            }
        }
        double min = Double.POSITIVE_INFINITY;
        for (int i = peak; i < rates.length; i++) {
            min = Math.min(min, rates[i]);
        }
        return new OriginalRun(max, min, peak, rates.length);
    }

    /** The dense schedule's rate at its iteration {@code i}, clamped to the run. */
    static double rate(LrContext context, int i) {
        int clamped = Math.max(0, Math.min(context.originalIterations() - 1, i));
        return context.original().at(context.inOriginal(clamped));
    }
}

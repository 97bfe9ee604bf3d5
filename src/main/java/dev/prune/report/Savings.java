package dev.prune.report;

import dev.prune.interp.CycleRecord;
import java.util.List;
import java.util.Locale;

/**
 * The time {@code finetune when} saved against fine-tuning every cycle. "Time saved" is the sum of
 * the skipped fine-tunings' estimated seconds, each its iterations at the seconds per iteration the
 * run's own fine-tunings took (see {@code CycleRecord.secondsSaved}); the whole it is a share of is
 * the cycles' measured seconds plus those estimates, i.e. what the cycles would have taken had every
 * one fine-tuned. Only cycles after the first (cycle 0 is the model before pruning) count.
 *
 * @param cycles  pruning cycles counted
 * @param tuned   of these, the ones that fine-tuned
 * @param skipped the ones whose fine-tuning a rule skipped
 * @param seconds the cycles' measured seconds
 * @param saved   the skipped fine-tunings' estimated seconds (NaN when one could not be estimated)
 */
record Savings(int cycles, int tuned, int skipped, double seconds, double saved) {

    static Savings of(List<CycleRecord> records) {
        int cycles = 0;
        int tuned = 0;
        int skipped = 0;
        double seconds = 0;
        double saved = 0;
        for (CycleRecord r : records) {
            if (r.cycle() == 0) {
                continue;
            }
            cycles++;
            seconds += r.seconds();
            if (r.retrained()) {
                tuned++;
            }
            if (r.skipped()) {
                skipped++;
                saved += r.secondsSaved();
            }
        }
        return new Savings(cycles, tuned, skipped, seconds, saved);
    }

    /** Share of the every-cycle time that was saved, in [0, 1]; NaN when not known. */
    double share() {
        return seconds + saved > 0 ? saved / (seconds + saved) : Double.NaN;
    }

    /** One sentence for the console, "" when no fine-tuning was skipped. */
    String sentence() {
        if (skipped == 0) {
            return "";
        }
        String head = String.format(Locale.ROOT, "fine-tuned in %d of %d cycles, skipped in %d", tuned, cycles, skipped);
        if (Double.isNaN(saved)) {
            return head + "; no training was measured to estimate the time saved";
        }
        return head + String.format(Locale.ROOT, "; saved about %.1f s, %.0f%% of the %.1f s that fine-tuning every "
                + "cycle would have taken (estimated from the measured fine-tunings)", saved, 100 * share(),
                seconds + saved);
    }
}

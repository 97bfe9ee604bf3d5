package dev.prune.report;

import dev.prune.interp.CycleRecord;
import dev.prune.interp.PhaseStart;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line of a training phase: where it is (cycle, epoch), a bar, the loss, and the
 * time left in the phase and, inside a {@code run}, in the whole run — the cycles still to come
 * estimated from the ones finished (or from this phase while none has).
 */
final class Progress {
    private static final int WIDTH = 24;

    private final LongSupplier clock;
    private PhaseStart phase;
    private long started;
    private double cycleSeconds;
    private int cyclesTimed;

    Progress() {
        this(System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime} */
    Progress(LongSupplier clock) {
        this.clock = clock;
    }

    void start(PhaseStart start) {
        phase = start;
        started = clock.getAsLong();
    }

    void cycleDone(CycleRecord r) {
        if (r.retrained()) {
            cycleSeconds += r.seconds();
            cyclesTimed++;
        }
    }

    /** " of E" for the phase being trained, or "" when unknown. */
    String epochsOfPhase() {
        if (phase == null || phase.iterationsPerEpoch() <= 0) {
            return "";
        }
        int epochs = (phase.lrs().length + phase.iterationsPerEpoch() - 1) / phase.iterationsPerEpoch();
        return "/" + epochs;
    }

    String line(int iteration, int total, double loss) {
        StringBuilder out = new StringBuilder("  ");
        if (phase != null) {
            out.append(phase.phase());
            if (phase.totalCycles() > 0) {
                out.append('/').append(phase.totalCycles());
            }
            if (phase.iterationsPerEpoch() > 0) {
                out.append(" epoch ").append((iteration - 1) / phase.iterationsPerEpoch() + 1).append(epochsOfPhase());
            }
        }
        int done = (int) ((long) WIDTH * iteration / Math.max(1, total));
        out.append(String.format(Locale.ROOT, " [%s%s] %3d%%  loss %.4f", "=".repeat(done), " ".repeat(WIDTH - done),
                100L * iteration / Math.max(1, total), loss));
        double elapsed = (clock.getAsLong() - started) / 1e9;
        if (phase != null && iteration > 0 && elapsed > 1) {
            double left = elapsed / iteration * (total - iteration);
            out.append("  eta ").append(clock(left));
            int cyclesLeft = phase.totalCycles() - phase.cycle();
            if (phase.totalCycles() > 0 && cyclesLeft > 0) {
                double perCycle = cyclesTimed > 0 ? cycleSeconds / cyclesTimed : elapsed / iteration * total;
                out.append(", run ").append(clock(left + cyclesLeft * perCycle));
            }
        }
        return out.toString();
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}

package dev.prune.report;

import dev.prune.interp.PhaseStart;
import java.util.List;

/**
 * {@code lr.csv}: the learning rate the run used, by run-wide iteration. A row is written where
 * the rate changes and at the end of each epoch, so a constant stretch costs two rows and the
 * curve can be drawn exactly as steps; rows are written as epochs finish, never ahead of training.
 */
final class LrLog {
    static final List<String> HEADER = List.of("iteration", "phase", "cycle", "lr");

    private final AppendFile file;
    private PhaseStart phase;
    private int next;
    private double last = Double.NaN;

    LrLog(AppendFile file) {
        this.file = file;
    }

    AppendFile file() {
        return file;
    }

    void reopen() {
        phase = null;
    }

    void phase(PhaseStart start) {
        phase = start;
        next = 0;
        last = Double.NaN;
        if (file.isEmpty()) {
            file.append(Rows.csv(HEADER));
        }
    }

    /** Rows for the current phase's iterations before run-wide iteration {@code end}. */
    void upTo(long end) {
        if (phase == null) {
            return;
        }
        double[] lrs = phase.lrs();
        int stop = (int) Math.min(lrs.length, end - phase.firstIteration());
        StringBuilder out = new StringBuilder();
        for (int i = next; i < stop; i++) {
            if (i == 0 || Double.compare(lrs[i], last) != 0 || i == stop - 1) {
                out.append(Rows.csv(List.of(Long.toString(phase.firstIteration() + i), phase.phase(),
                        Integer.toString(phase.cycle()), CycleColumns.num(lrs[i]))));
            }
            last = lrs[i];
        }
        next = Math.max(next, stop);
        if (out.length() > 0) {
            file.append(out.toString());
        }
    }
}

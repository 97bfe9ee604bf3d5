package dev.prune.interp;

import dev.prune.engine.Engine;
import dev.prune.engine.Split;
import dev.prune.engine.TrainHook;
import dev.prune.schedules.LrContext;
import dev.prune.schedules.Oracle;
import dev.prune.source.Span;
import dev.prune.builtins.Format;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The oracle's candidates trained side by side: the first on the run's engine and thread, each
 * other on a thread and an engine of its own, built like the run's and loaded with the state the
 * run's engine saved before the phase (as {@link VariantsAtOnce} does for sweep variants). Their
 * events reach the listeners candidate by candidate, in the grid's order; the best candidate is
 * chosen as in turn (the first of equals), and when it trained on another engine its state is
 * loaded into the run's ({@link Engine#saveState}/{@link Engine#restoreState}, as a resumed run does).
 */
final class CandidatesAtOnce {
    private final Trainer trainer;
    private final Trainer.CandidateEngines engines;

    CandidatesAtOnce(Trainer trainer, Trainer.CandidateEngines engines) {
        this.trainer = trainer;
        this.engines = engines;
    }

    /** What a candidate on its own engine ended with. */
    private static final class Outcome {
        Engine engine;
        Trainer.Phase phase;
        double accuracy;
    }

    Trainer.Phase search(Span span, String label, Oracle oracle, int iterations, LrContext base, long dataSeed) {
        RunState state = trainer.state();
        RunState start = state.copy();
        List<Double> grid = oracle.grid();
        int others = grid.size() - 1;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(engines.atOnce() - 1, others), r -> {
            Thread t = new Thread(r, "prune-candidate-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Path saved = null;
        List<Outcome> outcomes = new ArrayList<>();
        try {
            saved = Files.createTempFile("prune-oracle-", ".state");
            state.engine.saveState(saved);
            List<EventLog> logs = new ArrayList<>();
            for (int k = 1; k <= others; k++) {
                EventLog log = new EventLog();
                Outcome outcome = new Outcome();
                logs.add(log);
                outcomes.add(outcome);
                double peak = grid.get(k);
                Path from = saved;
                pool.execute(() -> {
                    try {
                        if (!stop.get()) {
                            RunState on = start.copy();
                            on.evaluateEpochs = state.evaluateEpochs; // a setting of the run, which copy() leaves out
                            outcome.engine = engines.engineLike(start);
                            on.engine = outcome.engine;
                            outcome.engine.restoreState(from);
                            Trainer alone = new Trainer(on, trainer.registry(), log,
                                    () -> stop.get() || trainer.cancelled());
                            outcome.phase = alone.once(span, label + " lr " + Format.number(peak),
                                    oracle.candidate(peak), iterations, base, dataSeed, TrainHook.NONE);
                            outcome.accuracy = outcome.engine.evaluate(Split.VALIDATION).accuracy();
                        }
                        log.end();
                    } catch (Throwable t) {
                        log.fail(t);
                    }
                });
            }
            // The first candidate on the run's engine, its events as they come.
            Trainer.Phase first = trainer.once(span, label + " lr " + Format.number(grid.get(0)),
                    oracle.candidate(grid.get(0)), iterations, base, dataSeed, TrainHook.NONE);
            double seconds = first.seconds();
            double bestAccuracy = state.engine.evaluate(Split.VALIDATION).accuracy();
            if (Double.isNaN(bestAccuracy)) {
                throw new RunFailure(span, "the oracle chooses by validation accuracy, and the data has no "
                        + "validation split");
            }
            List<String> tried = new ArrayList<>(List.of(Trainer.tried(grid.get(0), bestAccuracy)));
            Trainer.Phase best = new Trainer.Phase(first.result(), first.lrMax(), first.lrMin(), first.epochs(),
                    first.schedule(), grid.get(0), 0);
            int bestAt = 0;
            for (int k = 1; k <= others; k++) {
                try {
                    logs.get(k - 1).replayInto(trainer.listener());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RunCancelled(span, "the oracle was interrupted");
                }
                Outcome o = outcomes.get(k - 1);
                Trainer.Phase p = o.phase;
                // As if it had trained on the run's engine: its speed counts in the run's.
                state.timing.measured(base.cycle() == 0, p.result().iterations(), p.result().seconds());
                seconds += p.seconds();
                tried.add(Trainer.tried(grid.get(k), o.accuracy));
                if (o.accuracy > bestAccuracy) {
                    bestAccuracy = o.accuracy;
                    best = new Trainer.Phase(p.result(), p.lrMax(), p.lrMin(), p.epochs(), p.schedule(), grid.get(k), 0);
                    bestAt = k;
                }
            }
            if (bestAt > 0) {
                Engine winner = outcomes.get(bestAt - 1).engine;
                winner.saveState(saved);
                state.engine.restoreState(saved);
            }
            return trainer.chosen(label, tried, best, seconds);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the state the oracle's candidates start from: " + e.getMessage(),
                    e);
        } finally {
            VariantsAtOnce.finish(stop, pool, saved);
            for (Outcome o : outcomes) {
                if (o.engine != null) {
                    o.engine.close();
                }
            }
        }
    }
}

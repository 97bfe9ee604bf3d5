package dev.prune.interp;

import dev.prune.check.Step;
import dev.prune.engine.Engine;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.NodeKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The variants of the outermost sweep, trained side by side: each on a thread and an engine of its
 * own, built as the run's was and loaded with the run's saved state ({@link Engine#saveState}), so
 * it starts where the variant would have started in turn. Its events wait in an {@link EventLog}
 * and reach the run's listeners variant by variant, in the order the recipe gives, from the run's
 * thread: tables, manifest and console get what they would have got in turn, the variant whose
 * turn it is as it trains. The run's own engine stays at the sweep's start meanwhile, so the
 * checkpoint before each variant is what it would be in turn.
 *
 * <p>The numbers are those of the variants in turn (same engine state, data order, learning
 * rates, thread count; ND4J pins the thread count on each thread that builds an engine) except
 * where the order matters: dropout draws from ND4J's generator of the thread it runs on, which the
 * variants in turn share one after another, and a file saved by two variants would be left by
 * whichever finished last. A sweep with either runs in turn ({@link #fits}).
 */
final class VariantsAtOnce {
    private final Interpreter owner;
    private final RunListener listener;

    VariantsAtOnce(Interpreter owner, RunListener listener) {
        this.owner = owner;
        this.listener = listener;
    }

    /** True when the variants from {@code from} on may run side by side with the same results as in turn. */
    static boolean fits(RunState state, Step.Sweep sweep, int from) {
        if (sweep.variants().size() - from < 2 || hasDropout(state.network)) {
            return false;
        }
        for (Step.Variant v : sweep.variants()) {
            if (!orderFree(v.steps())) {
                return false;
            }
        }
        return true;
    }

    private static boolean orderFree(List<Step> steps) {
        for (Step step : steps) {
            if (step instanceof Step.Save || step instanceof Step.Compact c && c.path() != null) {
                return false;
            }
            if (step instanceof Step.UseModel m && hasDropout(m.network())
                    || step instanceof Step.UseData d && d.network() != null && hasDropout(d.network().network())) {
                return false;
            }
            if (step instanceof Step.Sweep inner && !inner.variants().stream().allMatch(v -> orderFree(v.steps()))) {
                return false;
            }
        }
        return true;
    }

    static boolean hasDropout(NetworkSpec network) {
        return network != null && network.nodes().stream().anyMatch(n -> n.kind() == NodeKind.DROPOUT);
    }

    /**
     * Runs variants {@code from} on, at most {@link Interpreter#variantsAtOnce} at a time, and passes
     * their events on in order. A variant that fails stops the others; the failure is the run's, after
     * the events before it, as in turn. {@code resumed}: the run goes on from the checkpoint before
     * variant {@code from}, which is not written again.
     */
    void run(Step.Sweep sweep, int from, List<String> names, boolean resumed) {
        RunState state = owner.state();
        RunState start = state.copy();
        int count = sweep.variants().size();
        Path saved = null;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(owner.variantsAtOnce(), count - from), r -> {
            Thread t = new Thread(r, "prune-variant-" + threads.incrementAndGet());
            t.setDaemon(true); // a run stopped by its user does not wait for them
            return t;
        });
        try {
            if (state.engine != null && !state.stale) {
                saved = Files.createTempFile("prune-sweep-", ".state");
                state.engine.saveState(saved);
            }
            List<EventLog> logs = new ArrayList<>();
            List<Interpreter> children = new ArrayList<>();
            for (int i = from; i < count; i++) {
                EventLog log = new EventLog();
                Interpreter child = owner.forVariant(log, stop::get);
                logs.add(log);
                children.add(child);
                int index = i;
                Path from0 = saved;
                pool.execute(() -> {
                    try {
                        if (!stop.get()) {
                            runOne(child, log, start, from0, sweep, index, names.get(index));
                        }
                        log.end();
                    } catch (Throwable t) {
                        log.fail(t);
                    } finally {
                        child.close();
                    }
                });
            }
            for (int i = from; i < count; i++) {
                if (!(resumed && i == from)) {
                    owner.variantStarts(i);
                }
                Interpreter child = children.get(i - from);
                try {
                    logs.get(i - from).replayInto(listener);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RunCancelled(sweep.span(), "the sweep was interrupted");
                }
                // What the variant measured joins the run's, as it would have in turn.
                for (Map.Entry<String, List<CycleRecord>> e : child.state().variantRecords.entrySet()) {
                    state.variantRecords.put(e.getKey(), e.getValue());
                }
                owner.addFailedExpectations(child.failedExpectations());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the sweep's starting state for its variants: " + e.getMessage(), e);
        } finally {
            // Each engine is closed by its own thread; the run's is used again only when they are done.
            finish(stop, pool, saved);
            state.assign(start);
        }
    }

    /** On the variant's own thread: its engine, loaded with the sweep's starting state, then its steps. */
    private static void runOne(Interpreter child, EventLog log, RunState start, Path saved, Step.Sweep sweep,
                               int index, String name) {
        RunState on = child.state();
        on.assign(start);
        on.kept = null;
        on.engine = null;
        if (saved != null) {
            Engine engine = child.engineLike(start);
            on.engine = engine;
            engine.restoreState(saved);
        } else {
            on.stale = true;
        }
        Sweeper.runVariant(on, log, child::execute, sweep, index, name, on.engine);
    }

    /**
     * Stops the side-by-side trainings at their next iteration, waits for every thread to end and
     * deletes the state file they started from: what the variants and the Oracle's candidates
     * share when they end, however they end.
     */
    static void finish(AtomicBoolean stop, ExecutorService pool, java.nio.file.Path saved) {
        stop.set(true);
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // each stops at its next iteration once 'stop' is set
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (saved != null) {
            try {
                Files.deleteIfExists(saved);
            } catch (IOException ignored) {
                // a temporary file; nothing reads it again
            }
        }
    }
}

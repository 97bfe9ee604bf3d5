package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.Registry;
import dev.prune.check.Step;
import dev.prune.engine.Engine;
import dev.prune.engine.NetworkSpec;
import dev.prune.front.FrontEnd;
import dev.prune.source.SourceFile;
import dev.prune.testing.FakeEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming from any checkpoint gives the rows, engine calls and claims of the run without a break. */
class ResumeTest {
    @TempDir
    Path dir;

    /** Every kind of state a checkpoint must carry: schedules read off the dense run, named checkpoints,
     *  paced pruning, freezing by change, finetune conditions, two run statements, expectations. */
    static final String RECIPE = """
            seed 4
            model lenet_300_100
            data shapes(train=600, test=100, val=50)
            optimizer sgd(momentum=0.9)
            lr cosine(lr=0.1)
            train 2 epochs
            checkpoint early
            train 1 epoch
            let eps = 2
            prune l1 to 80% over 4 cycles every cycle; freeze layers where delta < eps
            rewind to early
            retrain 1 epoch lr lr_rewind
            finetune when drop > 1%
            run 2 cycles
            expect accuracy >= 10%
            prune global random by 30% every cycle
            lr allr()
            run until sparsity >= 95% max 4 cycles
            evaluate
            expect accuracy >= 99%
            """;

    static List<Step> steps(String text) {
        return FrontEnd.standard().check(new SourceFile("r.prune", text)).requireSteps();
    }

    /** Cycle rows as text without seconds, and expectation results, in order. */
    static final class Events implements RunListener {
        final List<String> lines = new ArrayList<>();

        @Override
        public void cycle(CycleRecord r, NetworkSpec network) {
            lines.add(String.format(Locale.ROOT, "cycle %d %s %s %s %s %s %s %s %s %s %s", r.cycle(), r.sparsity(),
                    r.accuracy(), r.loss(), r.valAccuracy(), r.lrMax(), r.lrMin(), r.trainLoss(), r.epochs(),
                    r.frozen(), Arrays.toString(r.layerSparsity())));
        }

        @Override
        public void epochEnded(EpochRecord r, NetworkSpec network) {
            lines.add(String.format(Locale.ROOT, "epoch %s %d %d %s %d %s %s", r.phase(), r.cycle(), r.phaseEpoch(),
                    r.epochs(), r.iteration(), r.lr(), r.frozen()));
        }

        @Override
        public void expectation(String claim, boolean held, String detail) {
            lines.add("expect " + held + " " + claim + " " + detail);
        }
    }

    private record Saved(Snapshot snapshot, Path engine, int logSize, int events) {}

    /** The procedures' clocks: pruning inside training, a rewind point with its rates, early stopping, scratch, RigL. */
    static final String PROCEDURES = """
            seed 4
            model lenet_300_100
            data shapes(train=600, test=100, val=50)
            optimizer sgd(momentum=0.9)
            lr cosine(lr=0.1)
            train 2 epochs
            prune l1 to 70% every 3 iterations until 2 epochs
            retrain 5 iterations
            run 3 cycles
            prune global l1 by 20% every cycle
            rewind to iteration 7 with lr
            retrain up to 4 epochs stop early(patience=1, restore=true)
            run 2 cycles
            scratch e
            prune rigl to 90% every 4 iterations until 3 epochs
            rewind to random
            retrain 1 epoch lr 0.05
            run 2 cycles
            """;

    @Test
    void resumingFromEveryCheckpointContinuesExactly() {
        List<Step> steps = steps(RECIPE);
        assertResumesExactly(steps, List.of("accuracy >= 99%"));
    }

    @Test
    void theProceduresResumeExactlyToo() {
        assertResumesExactly(steps(PROCEDURES), List.of());
    }

    /** A checkpoint after compact holds the smaller network, which the model statement does not build. */
    static final String COMPACTED = """
            seed 4
            model lenet_300_100
            data shapes(train=600, test=100, val=50)
            optimizer sgd(momentum=0.9)
            lr 0.1
            train 1 epoch
            prune neurons by 50% every cycle
            retrain 1 epoch
            run 2 cycles
            compact
            prune global l1 by 20% every cycle
            rewind to init
            run 2 cycles
            """;

    @Test
    void resumingPastACompactGoesOnWithTheSmallerNetwork() {
        assertResumesExactly(steps(COMPACTED), List.of());
    }

    /**
     * PLATON's averages of every iteration are in the engine's state: a run pruning by them across
     * its checkpoints resumes to the rows and engine calls of the run without a break. The fake
     * engine's averages follow a gradient that changes every iteration, so averages started again
     * from zero would rank the weights otherwise (each layer's sparsity is in the rows).
     */
    @Test
    void aRunThatPrunesWithPlatonResumesExactly() {
        List<Step> steps = steps("""
                seed 4
                model mlp(784, 16, 10)
                data shapes(train=600, test=100)
                lr 0.1
                train 1 epoch
                prune global platon to 80% every 2 iterations until 3 epochs
                retrain 1 epoch
                run 4 cycles
                """);
        List<String> log = assertResumesExactly(steps, List.of());
        assertEquals(1, log.stream().filter(l -> l.startsWith("trackImportance")).count(), log.toString());
        assertTrue(log.stream().filter(l -> l.equals("importance")).count() >= 10, "pruned by the averages: " + log);
    }

    /** ToST's rescaling depends on whether the weights are an initialisation, which a checkpoint carries. */
    @Test
    void aToStRunResumesExactly() {
        assertResumesExactly(steps("""
                seed 4
                model mlp(784, 16, 10)
                data shapes(train=600, test=100)
                lr 0.1
                train 1 epoch
                prune global l1 by 40% every cycle
                rewind to init
                retrain 1 epoch
                penalty tost(ghost=20%)
                run 4 cycles
                """), List.of());
    }

    /** Returns the log of the run without a break. */
    private List<String> assertResumesExactly(List<Step> steps, List<String> failed) {
        List<String> log = new ArrayList<>();
        Events events = new Events();
        List<Saved> saved = new ArrayList<>();
        Interpreter straight = new Interpreter(() -> new FakeEngine(log), Registry.standard(),
                new Interpreter.Options(null, 1, dir), events, () -> false);
        straight.checkpointTo((Snapshot s, Engine engine) -> {
            Path file = dir.resolve("engine-" + saved.size());
            engine.saveState(file);
            saved.add(new Saved(s, file, log.size(), events.lines.size()));
        });
        straight.execute(steps);
        assertEquals(failed, straight.failedExpectations());
        if (!failed.isEmpty()) {
            assertTrue(events.lines.stream().anyMatch(l -> l.startsWith("cycle 2 ") && l.contains(" [2] ")),
                    "out freezes: " + events.lines);
        }
        assertTrue(saved.size() >= 5, "a checkpoint after cycle 0 and after each cycle: " + saved.size());

        for (Saved at : saved) {
            List<String> resumedLog = new ArrayList<>();
            Events resumedEvents = new Events();
            Interpreter resumed = new Interpreter(() -> new FakeEngine(resumedLog), Registry.standard(),
                    new Interpreter.Options(null, 1, dir), resumedEvents, () -> false);
            resumed.checkpointTo((s, engine) -> engine.saveState(dir.resolve("ignored")));
            resumed.resume(steps, at.snapshot(), at.engine());

            String where = "resumed after cycle " + at.snapshot().cycles() + " of step " + at.snapshot().step();
            assertEquals(events.lines.subList(at.events(), events.lines.size()), resumedEvents.lines, where);
            int restored = resumedLog.indexOf("restoreState");
            assertEquals(log.subList(at.logSize(), log.size()),
                    resumedLog.subList(restored + 3, resumedLog.size()), where);
            assertEquals(straight.failedExpectations(), resumed.failedExpectations(), where);
            assertEquals(rows(straight.records()), rows(resumed.records()), where);
        }
        return log;
    }

    private static List<String> rows(List<CycleRecord> records) {
        Events e = new Events();
        records.forEach(r -> e.cycle(r, null));
        return e.lines;
    }

    /**
     * The seconds a skipped fine-tuning saves are estimated from the training measured so far; a
     * resumed run has measured nothing itself, so the checkpoint carries it and the column comes out
     * as in the run without a break (the fake engine reports 0.01 s an iteration, so it is exact).
     */
    @Test
    void aResumedRunEstimatesTheSecondsSavedAsTheRunWithoutABreak() {
        List<Step> steps = steps("""
                seed 4
                model mlp(784, 16, 10)
                data shapes(train=600, test=100)
                lr 0.1
                train 1 epoch
                prune l1 by 20% every cycle
                retrain 2 epochs
                finetune when sparsity < 30%
                run 4 cycles
                """);
        List<Snapshot> saved = new ArrayList<>();
        List<Path> engines = new ArrayList<>();
        Interpreter straight = new Interpreter(() -> new FakeEngine(new ArrayList<>()).secondsPerIteration(0.01),
                Registry.standard(), new Interpreter.Options(null, 1, dir), RunListener.all(List.of()), () -> false);
        straight.checkpointTo((Snapshot s, Engine engine) -> {
            Path file = dir.resolve("speed-" + saved.size());
            engine.saveState(file);
            saved.add(s);
            engines.add(file);
        });
        straight.execute(steps);
        List<Double> expected = straight.records().stream().map(CycleRecord::secondsSaved).toList();
        // 600 examples in batches of 60: a skipped 2-epoch fine-tuning would have taken 20 iterations
        assertEquals(List.of(0.0, 0.0, 0.2, 0.2, 0.2), expected.stream().map(v -> Math.round(v * 1e9) / 1e9).toList(),
                "cycle 1 fine-tunes, cycles 2-4 skip: " + expected);
        for (int i = 0; i < saved.size(); i++) {
            Interpreter resumed = new Interpreter(() -> new FakeEngine(new ArrayList<>()).secondsPerIteration(0.01),
                    Registry.standard(), new Interpreter.Options(null, 1, dir), RunListener.all(List.of()), () -> false);
            resumed.checkpointTo((s, engine) -> engine.saveState(dir.resolve("ignored")));
            resumed.resume(steps, saved.get(i), engines.get(i));
            assertEquals(expected, resumed.records().stream().map(CycleRecord::secondsSaved).toList(),
                    "resumed after cycle " + saved.get(i).cycles());
        }
    }

    @Test
    void masksPackToOneBitPerWeight() {
        float[] mask = {1, 0, 0, 1, 1, 1, 0, 1, 0, 1};
        byte[] bits = Snapshot.pack(mask);
        assertEquals(2, bits.length);
        assertTrue(Arrays.equals(mask, Snapshot.unpack(bits, mask.length)));
    }
}

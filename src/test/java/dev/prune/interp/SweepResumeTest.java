package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.Registry;
import dev.prune.check.Step;
import dev.prune.engine.Engine;
import dev.prune.engine.EngineException;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.TrainRequest;
import dev.prune.testing.FakeEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps on the fake engine: a run stopped inside a sweep resumes at the start of the variant it
 * was in and ends as the run without a break; variants side by side give the events, records and
 * claims of the variants in turn.
 */
class SweepResumeTest {
    @TempDir
    Path dir;

    /** A value sweep, a named-block sweep whose variant builds an engine of its own, a grid, claims in and after. */
    static final String RECIPE = """
            seed 4
            model mlp(784, 16, 10)
            data shapes(train=600, test=100, val=50)
            optimizer sgd(momentum=0.9)
            lr 0.1
            train 1 epoch
            prune l1 by 20% every cycle
            rewind to init
            retrain 1 epoch
            run 1 cycle
            sweep rate in [20%, 50%, 70%] {
                prune l1 by rate every cycle
                run 2 cycles
                expect sparsity >= 60%
            }
            sweep how {
                adam { optimizer adam() }
                plain { rewind none }
                sweep r in [0.05, 0.1] {
                    retrain 1 epoch lr r
                    run 1 cycle
                }
            }
            expect sparsity >= 30% in rate = 50%
            expect accuracy >= 0% in how = plain, r = 0.1
            run 1 cycle
            """;

    /** Everything the records and the console hear, as text without seconds, in order. */
    static class Lines implements RunListener {
        final List<String> lines = new ArrayList<>();

        @Override
        public void cycle(CycleRecord r, NetworkSpec network) {
            lines.add(row(r));
        }

        @Override
        public void epochEnded(EpochRecord r, NetworkSpec network) {
            lines.add(String.format(Locale.ROOT, "epoch %s %d %d %s %d %s %s %s", r.phase(), r.cycle(), r.phaseEpoch(),
                    r.epochs(), r.iteration(), r.lr(), r.accuracy(), r.frozen()));
        }

        @Override
        public void expectation(String claim, boolean held, String detail) {
            lines.add("expect " + held + " " + claim + " " + detail);
        }

        @Override
        public void phase(PhaseStart start) {
            lines.add("phase " + start.phase() + " " + start.cycle() + " " + start.firstIteration());
        }

        @Override
        public void variant(String sweep, String label, String variant, int index, int count) {
            lines.add("variant " + sweep + " " + label + " " + variant + " " + index + "/" + count);
        }

        @Override
        public void sweep(String sweep, List<String> variants, List<List<CycleRecord>> results, NetworkSpec network) {
            lines.add("sweep " + sweep + " " + variants);
            results.forEach(rs -> rs.forEach(r -> lines.add("  " + row(r))));
        }

        @Override
        public void message(String text) {
            lines.add("message " + text);
        }

        static String row(CycleRecord r) {
            return String.format(Locale.ROOT, "cycle %s %d %s %s %s %s %s %s %s", r.variant(), r.cycle(), r.sparsity(),
                    r.accuracy(), r.loss(), r.valAccuracy(), r.lrMax(), r.epochs(), Arrays.toString(r.layerSparsity()));
        }
    }

    /** Lines with the events a resumed run sends again at its start, so only for runs without a break. */
    static final class AllLines extends Lines {
        @Override
        public void network(NetworkSpec network, String engine) {
            lines.add("network " + network.name() + " " + engine);
        }

        @Override
        public void built(NetworkSpec network, dev.prune.data.DataSplit data, long seed,
                          java.util.Map<String, String> engine) {
            lines.add("built " + network.name() + " " + data.train().count() + " seed " + seed);
        }

        @Override
        public void epoch(String phase, dev.prune.engine.EpochStats stats) {
            lines.add("epoch stats " + phase + " " + stats.epoch() + " " + stats.iterations() + " " + stats.meanLoss());
        }

        @Override
        public void progress(String phase, int iteration, int total, double loss) {
            lines.add("progress " + phase + " " + iteration + "/" + total + " " + loss);
        }
    }

    private record Saved(Snapshot snapshot, Path engine, int events) {}

    private Interpreter interpreter(Lines events, int atOnce) {
        Interpreter i = new Interpreter(() -> new FakeEngine(Collections.synchronizedList(new ArrayList<>())),
                Registry.standard(), new Interpreter.Options(null, 1, dir), events, () -> false);
        i.variantsAtOnce(atOnce);
        return i;
    }

    @Test
    void aRunStoppedInsideASweepResumesAtItsVariantAndEndsAsWithoutABreak() {
        assertResumes(1);
    }

    @Test
    void variantsSideBySideResumeTheSameWay() {
        assertResumes(3);
    }

    private void assertResumes(int atOnce) {
        List<Step> steps = ResumeTest.steps(RECIPE);
        int firstSweep = indexOfSweep(steps);
        Lines events = new Lines();
        List<Saved> saved = new ArrayList<>();
        Interpreter straight = interpreter(events, atOnce);
        straight.checkpointTo((Snapshot s, Engine engine) -> {
            Path file = dir.resolve("engine-" + saved.size());
            engine.saveState(file);
            saved.add(new Saved(s, file, events.lines.size()));
        });
        straight.execute(steps);
        assertEquals(List.of("sparsity >= 60%"), straight.failedExpectations(), "rate=20% ends below 60%");
        List<Integer> variantsDone = saved.stream().filter(s -> s.snapshot().step() == firstSweep)
                .map(s -> s.snapshot().done()).toList();
        assertEquals(List.of(0, 1, 2), variantsDone, "a checkpoint before each variant of the first sweep");
        assertTrue(saved.stream().anyMatch(s -> s.snapshot().step() == firstSweep + 1 && s.snapshot().done() == 1),
                "and of the second: " + saved.stream().map(Saved::snapshot).map(s -> s.step() + "/" + s.done()).toList());

        for (Saved at : saved) {
            if (atOnce > 1 && !(steps.get(at.snapshot().step()) instanceof Step.Sweep && at.snapshot().done() == 1)) {
                continue; // the others are those of the variants in turn: once per sweep is enough here
            }
            Lines resumedEvents = new Lines();
            Interpreter resumed = interpreter(resumedEvents, atOnce);
            resumed.checkpointTo((s, engine) -> engine.saveState(dir.resolve("ignored")));
            resumed.resume(steps, at.snapshot(), at.engine());
            String where = "resumed at step " + at.snapshot().step() + " after " + at.snapshot().done();
            assertEquals(events.lines.subList(at.events(), events.lines.size()), resumedEvents.lines, where);
            assertEquals(straight.failedExpectations(), resumed.failedExpectations(), where);
            assertEquals(rows(straight.records()), rows(resumed.records()), where);
        }
    }

    @Test
    void variantsSideBySideTellTheListenersWhatTheVariantsInTurnDo() {
        List<Step> steps = ResumeTest.steps(RECIPE);
        Lines inTurn = new AllLines();
        Interpreter one = interpreter(inTurn, 1);
        one.execute(steps);
        for (int atOnce : new int[] {2, 3}) {
            Lines together = new AllLines();
            Interpreter many = interpreter(together, atOnce);
            many.execute(steps);
            assertEquals(inTurn.lines, together.lines, atOnce + " at once");
            assertEquals(one.failedExpectations(), many.failedExpectations());
            assertEquals(rows(one.records()), rows(many.records()));
        }
        assertTrue(inTurn.lines.contains("variant how plain how=plain 1/2"), inTurn.lines.toString());
        assertEquals(3, inTurn.lines.stream().filter(l -> l.startsWith("built mlp ")).count(),
                "the run's engine and one for each inner variant under adam: " + inTurn.lines.stream()
                        .filter(l -> l.startsWith("built")).toList());
    }

    /**
     * The side-by-side table of each outermost sweep: every variant with cycles of its own (of a grid,
     * the inner ones), each with its own rows only, and a variant without either as an empty row.
     */
    @Test
    void eachSweepsTableHoldsItsVariantsWithTheirOwnRows() {
        Lines events = new Lines();
        interpreter(events, 1).execute(ResumeTest.steps(RECIPE));
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < events.lines.size(); i++) {
            String line = events.lines.get(i);
            if (line.startsWith("sweep ")) {
                tables.add(line);
                for (int j = i + 1; j < events.lines.size() && events.lines.get(j).startsWith("  "); j++) {
                    String[] row = events.lines.get(j).trim().split(" ");
                    tables.add("  " + row[0] + " " + row[1] + " " + row[2]);
                }
            }
        }
        assertEquals(List.of("sweep rate [rate=20%, rate=50%, rate=70%]",
                "  cycle rate=20% 2", "  cycle rate=20% 3", "  cycle rate=50% 2", "  cycle rate=50% 3",
                "  cycle rate=70% 2", "  cycle rate=70% 3",
                // the inner sweep follows each block; adam builds an engine of its own, so its table starts at cycle 0
                "sweep how [how=adam,r=0.05, how=adam,r=0.1, how=plain,r=0.05, how=plain,r=0.1]",
                "  cycle how=adam,r=0.05 0", "  cycle how=adam,r=0.05 1", "  cycle how=adam,r=0.1 0",
                "  cycle how=adam,r=0.1 1", "  cycle how=plain,r=0.05 2", "  cycle how=plain,r=0.1 2"), tables);

        // a variant that runs no cycles and no inner sweep is a row of its own, empty
        Lines empty = new Lines();
        interpreter(empty, 1).execute(ResumeTest.steps("""
                seed 4
                model mlp(784, 16, 10)
                data shapes(train=600, test=100)
                lr 0.1
                train 1 epoch
                prune l1 by 20% every cycle
                sweep s {
                    ran { run 1 cycle }
                    idle { rewind none }
                }
                """));
        assertEquals(List.of("sweep s [s=ran, s=idle]"), empty.lines.stream().filter(l -> l.startsWith("sweep "))
                .toList());
    }

    @Test
    void theClaimsOfVariantsSideBySideAreTheRunsInOrder() {
        List<Step> steps = ResumeTest.steps("""
                seed 4
                model mlp(784, 16, 10)
                data shapes(train=600, test=100)
                lr 0.1
                train 1 epoch
                prune l1 by 20% every cycle
                sweep r in [0.05, 0.1, 0.2] {
                    retrain 1 epoch lr r
                    run 1 cycle
                    expect accuracy >= 99%
                }
                """);
        Lines inTurn = new Lines();
        interpreter(inTurn, 1).execute(steps);
        Lines together = new Lines();
        Interpreter many = interpreter(together, 3);
        many.execute(steps);
        assertEquals(inTurn.lines, together.lines);
        assertEquals(3, many.failedExpectations().size(), many.failedExpectations().toString());
    }

    /** The oracle's candidates side by side: the events, records and chosen rates of the candidates in turn. */
    @Test
    void oracleCandidatesSideBySideTellTheListenersWhatTheCandidatesInTurnDo() {
        List<Step> steps = ResumeTest.steps("""
                seed 4
                model mlp(784, 16, 10)
                data shapes(train=600, test=100, val=50)
                optimizer sgd(momentum=0.9)
                lr 0.1
                train 1 epoch
                prune l1 by 30% every cycle
                rewind none
                retrain 1 epoch lr oracle(grid=[0.01, 0.2, 0.05])
                run 3 cycles
                """);
        Lines inTurn = new Lines();
        Interpreter one = interpreter(inTurn, 1);
        one.execute(steps);
        assertTrue(inTurn.lines.stream().anyMatch(l -> l.startsWith("message cycle 1 oracle: validation accuracy")),
                inTurn.lines.toString());
        for (int atOnce : new int[] {2, 3}) {
            Lines together = new Lines();
            Interpreter many = interpreter(together, atOnce);
            many.execute(steps);
            assertEquals(inTurn.lines, together.lines, atOnce + " at once");
            assertEquals(rows(one.records()), rows(many.records()));
            assertEquals(one.records().stream().map(CycleRecord::oracleLr).toList(),
                    many.records().stream().map(CycleRecord::oracleLr).toList());
        }
    }

    /** A variant that fails side by side stops the run where the variants in turn would have stopped. */
    @Test
    void aVariantThatFailsSideBySideFailsTheRunAfterTheEventsBeforeIt() {
        List<Step> steps = ResumeTest.steps("""
                seed 4
                model mlp(784, 16, 10)
                data shapes(train=600, test=100)
                lr 0.1
                train 1 epoch
                prune l1 by 20% every cycle
                sweep r in [0.05, 0.3, 0.1] {
                    retrain 1 epoch lr r
                    run 1 cycle
                }
                """);
        Lines inTurn = new Lines();
        RunFailure first = assertThrows(RunFailure.class, () -> failingAt(inTurn, 1, 0.3).execute(steps));
        Lines together = new Lines();
        RunFailure second = assertThrows(RunFailure.class, () -> failingAt(together, 3, 0.3).execute(steps));
        assertEquals(first.getMessage(), second.getMessage());
        assertTrue(first.getMessage().contains("diverged at lr 0.3"), first.getMessage());
        assertEquals(inTurn.lines, together.lines);
        assertTrue(inTurn.lines.contains("variant r 0.3 r=0.3 1/3"), inTurn.lines.toString());
        assertTrue(inTurn.lines.stream().noneMatch(l -> l.contains("r=0.1")), "the run stops in variant 2");
    }

    /** Fake engines whose training at learning rate {@code lr} fails, as a diverging loss does. */
    private Interpreter failingAt(Lines events, int atOnce, double lr) {
        Supplier<Engine> engines = () -> {
            Engine fake = new FakeEngine(Collections.synchronizedList(new ArrayList<>()));
            return (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("train") && ((TrainRequest) args[0]).lr().applyAsDouble(0) == lr) {
                            throw new EngineException("diverged at lr " + lr);
                        }
                        try {
                            return method.invoke(fake, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
        Interpreter i = new Interpreter(engines, Registry.standard(), new Interpreter.Options(null, 1, dir), events,
                () -> false);
        i.variantsAtOnce(atOnce);
        return i;
    }

    private static int indexOfSweep(List<Step> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Step.Sweep) {
                return i;
            }
        }
        throw new AssertionError("no sweep");
    }

    private static List<String> rows(List<CycleRecord> records) {
        return records.stream().map(Lines::row).toList();
    }
}

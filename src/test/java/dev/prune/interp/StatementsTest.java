package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.Registry;
import dev.prune.check.Step;
import dev.prune.engine.EvalResult;
import dev.prune.engine.ModelFile;
import dev.prune.engine.NetworkSpec;
import dev.prune.front.FrontEnd;
import dev.prune.source.SourceFile;
import dev.prune.testing.FakeEngine;
import dev.prune.testing.WatchingEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements that write or report: save, evaluate, report; and each statement that needs the network builds it. */
class StatementsTest {
    @TempDir
    Path out;

    private static final String HEAD = """
            seed 2
            model mlp(784, 16, 10)
            data shapes(train=120, test=60)
            lr 0.1
            """;

    private static List<Step> steps(String body) {
        return FrontEnd.standard().check(new SourceFile("s.prune", HEAD + body)).requireSteps();
    }

    private Interpreter interpreter(java.util.function.Supplier<dev.prune.engine.Engine> engine, RunListener listener) {
        return new Interpreter(engine, Registry.standard(), new Interpreter.Options(null, 1, out), listener,
                () -> false);
    }

    @Test
    void saveWritesTheModelWithItsNetworkIntoTheRunDirectoryAndSaysWhere() throws Exception {
        List<Path> saved = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void saved(Path file) {
                saved.add(file);
            }
        };
        WatchingEngine engine = new WatchingEngine();
        interpreter(() -> engine, listener).execute(steps("train 1 epoch\nsave \"models/m.zip\"\n"));
        Path file = out.resolve("models").resolve("m.zip");
        assertEquals(List.of(file), saved);
        assertTrue(engine.log.contains("save m.zip"), engine.log.toString());
        NetworkSpec written = ModelFile.read(file).saved();
        assertEquals("mlp", written.name());
        assertEquals(List.of(784 * 16, 16 * 10), written.layers().stream().map(l -> l.weightCount()).toList());
    }

    @Test
    void saveThroughALinkOutOfTheRunDirectoryIsRefusedAtItsLine() throws IOException {
        Path outside = Files.createDirectories(out.resolveSibling(out.getFileName() + "-outside"));
        Files.createSymbolicLink(out.resolve("link"), outside);
        RunFailure f = assertThrows(RunFailure.class, () -> interpreter(WatchingEngine::new, RunListener.all(List.of()))
                .execute(steps("save \"link/m.zip\"\n")));
        assertEquals(5, f.span().line());
        assertTrue(f.getMessage().startsWith("refusing to write link/m.zip"), f.getMessage());
        assertEquals(false, Files.exists(outside.resolve("m.zip")));
    }

    @Test
    void evaluateAndReportAreHeardWithTheirNumbers() {
        List<String> heard = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void evaluated(EvalResult result, double sparsity) {
                heard.add("evaluated " + result.accuracy() + " at " + sparsity);
            }

            @Override
            public void report(List<CycleRecord> records, NetworkSpec network) {
                heard.add("report " + records.size() + " rows of " + network.name());
            }
        };
        Interpreter interpreter = interpreter(() -> new FakeEngine(new ArrayList<>()), listener);
        interpreter.execute(steps("train 1 epoch\nprune l1 by 20% every cycle\nretrain 1 epoch\nrun 1 cycle\n"
                + "evaluate\nreport\n"));
        CycleRecord last = interpreter.records().get(1);
        assertEquals(List.of("evaluated " + last.accuracy() + " at " + last.sparsity(), "report 2 rows of mlp"), heard);
    }

    /** A point of training a rewind names is kept when exactly that many iterations have been trained. */
    @Test
    void aRewindPointIsKeptAfterExactlyItsIterations() {
        WatchingEngine engine = new WatchingEngine();
        interpreter(() -> engine, RunListener.all(List.of())).execute(FrontEnd.standard().check(new SourceFile("p.prune",
                """
                seed 2
                model mlp(784, 16, 10)
                data shapes(train=600, test=60)
                lr 0.1
                train 2 epochs
                prune l1 by 20% every cycle
                rewind to iteration 5
                retrain 3 iterations
                run 1 cycle
                rewind to epoch 1
                run 1 cycle
                """)).requireSteps());
        assertEquals(List.of("iteration 5 after 5", "epoch 1 after 10"), engine.checkpoints);
    }

    /** Without training before them, these statements build the network themselves, once. */
    @Test
    void statementsThatComeFirstBuildTheNetwork() {
        for (String body : List.of("evaluate\n", "prune l1 by 20% every cycle\nretrain 1 epoch\n"
                + "run until sparsity >= 30% max 3 cycles\n", "compact\n", "scratch 1 epoch\n")) {
            List<String> log = new ArrayList<>();
            interpreter(() -> new FakeEngine(log), RunListener.all(List.of())).execute(steps(body));
            assertEquals(1, log.stream().filter(l -> l.startsWith("build mlp")).count(), body + log);
            assertTrue(log.get(0).startsWith("build mlp"), body + log);
        }
    }

    /** freeze by a condition alone freezes every layer that meets it, and no other. */
    @Test
    void aFreezeConditionWithoutAShareFreezesTheLayersThatMeetIt() {
        Interpreter interpreter = interpreter(() -> new FakeEngine(new ArrayList<>()), RunListener.all(List.of()));
        interpreter.execute(FrontEnd.standard().check(new SourceFile("f.prune", """
                seed 3
                model lenet_300_100
                data shapes(train=600, test=100)
                lr 0.1
                train 2 epochs
                let eps = 2
                prune global l1 by 20% every cycle; freeze layers where delta < eps
                rewind to init
                retrain 2 epochs
                run 2 cycles
                """)).requireSteps());
        assertEquals(List.of(List.of(2), List.of(2)), interpreter.records().subList(1, 3).stream()
                .map(CycleRecord::frozen).toList(), "the output layer changes least");
    }

    /** A point at the very end of the training before is there to rewind to. */
    @Test
    void aRewindToTheLastIterationTrainedGoesOn() {
        WatchingEngine engine = new WatchingEngine();
        interpreter(() -> engine, RunListener.all(List.of())).execute(steps(
                "train 1 epoch\nprune l1 by 20% every cycle\nrewind to epoch 1\nretrain 1 epoch\nrun 1 cycle\n"));
        assertEquals(List.of("epoch 1 after 2"), engine.checkpoints);
        assertTrue(engine.log.contains("rewind epoch 1"), engine.log.toString());
    }

    /** unfreeze lets the layers train again, all of them or those it names; checkpoint keeps a state to rewind to. */
    @Test
    void unfreezeAndANamedCheckpoint() {
        WatchingEngine engine = new WatchingEngine();
        Interpreter interpreter = interpreter(() -> engine, RunListener.all(List.of()));
        interpreter.execute(FrontEnd.standard().check(new SourceFile("u.prune", """
                seed 3
                model lenet_300_100
                data shapes(train=600, test=100)
                lr 0.1
                train 1 epoch
                checkpoint early
                train 1 epoch
                prune global l1 by 20% every cycle
                freeze fc1
                rewind to early
                retrain 1 epoch
                run 1 cycle
                unfreeze fc1
                run 1 cycle
                freeze out
                run 1 cycle
                unfreeze
                run 1 cycle
                """)).requireSteps());
        // a named unfreeze lets the layer train from then on: it ends the freeze rule, which would
        // otherwise freeze it again at the next cycle; a bare one unfreezes every layer
        assertEquals(List.of(List.of(0), List.of(), List.of(2), List.of()),
                interpreter.records().subList(1, 5).stream().map(CycleRecord::frozen).toList());
        assertEquals(2, java.util.Collections.frequency(engine.log, "freeze []"), engine.log.toString());
        assertEquals(List.of("early after 10"), engine.checkpoints.subList(0, 1));
    }

    /** Early stopping with restore puts back the best epoch's weights, the first epoch's too. */
    @Test
    void earlyStoppingRestoresTheBestEpochEvenWhenItIsTheFirst() {
        List<String> log = new ArrayList<>();
        interpreter(() -> new FakeEngine(log), RunListener.all(List.of())).execute(FrontEnd.standard().check(
                new SourceFile("e.prune", """
                seed 3
                model mlp(784, 16, 10)
                data shapes(train=4000, test=100, val=100)
                lr 0.1
                train up to 5 epochs stop early(patience=1, restore=true)
                """)).requireSteps());
        // 65 iterations an epoch: the fake validation loss, lowest 40 iterations in, is best after epoch 1
        assertEquals("rewind best epoch", log.get(log.size() - 1), log.toString());
        assertTrue(log.contains("train stopped after 130 iterations"), log.toString());
    }
}

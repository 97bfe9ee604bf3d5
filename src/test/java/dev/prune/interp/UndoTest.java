package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.prune.builtins.Registry;
import dev.prune.check.Step;
import dev.prune.engine.NetworkSpec;
import dev.prune.front.FrontEnd;
import dev.prune.source.SourceFile;
import dev.prune.testing.FakeEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cycle or training stopped through the cancel flag is taken back when undo is on (the REPL's Ctrl-C). */
class UndoTest {
    private final List<String> log = new ArrayList<>();
    private final List<FakeEngine> engines = new ArrayList<>();
    private boolean cancel;
    private String stopIn;

    private List<Step> steps(String text) {
        return FrontEnd.standard().check(new SourceFile("t.prune", text)).requireSteps();
    }

    private Step last(String text) {
        List<Step> all = steps(text);
        return all.get(all.size() - 1);
    }

    private Interpreter interpreter() {
        RunListener stopper = new RunListener() {
            @Override
            public void progress(String phase, int iteration, int total, double loss) {
                if (phase.equals(stopIn) && iteration >= 3) {
                    cancel = true;
                }
            }
        };
        Interpreter interp = new Interpreter(() -> {
            FakeEngine e = new FakeEngine(log);
            engines.add(e);
            return e;
        }, Registry.standard(), new Interpreter.Options(null, 1, Path.of("out")), stopper, () -> cancel);
        interp.undoOnCancel(true);
        return interp;
    }

    private static final String SETUP = "model lenet_300_100\ndata shapes(train=600, test=100, batch=60)\nlr 0.1\n"
            + "train 1 epoch\nprune l1 by 20% every cycle\nretrain 1 epoch\nrun 1 cycle\n";

    @Test
    void aStoppedCycleLeavesTheRunAsAfterTheLastCompletedOne() {
        Interpreter interp = interpreter();
        interp.execute(steps(SETUP));
        List<float[]> after1 = engines.get(0).weights();
        stopIn = "cycle 2";
        RunCancelled stopped = assertThrows(RunCancelled.class, () -> interp.execute(last(SETUP + "run 2 cycles\n")));
        assertEquals("cycle 2 stopped after 3 of 10 iterations", stopped.getMessage());
        assertEquals(1, interp.cycles());
        assertEquals(2, interp.records().size());
        assertArrayEquals(new double[] {0.2, 0.2, 0.2}, interp.layerSparsity(), 1e-9);
        List<float[]> now = engines.get(0).weights();
        for (int l = 0; l < now.size(); l++) {
            assertArrayEquals(after1.get(l), now.get(l), "layer " + l);
        }
        cancel = false;
        stopIn = null;
        interp.execute(new Step.RunCycles(null, 1));
        assertEquals(2, interp.cycles());
        assertEquals(0.36, interp.records().get(2).sparsity(), 1e-9);
    }

    @Test
    void aStoppedTrainingIsTakenBackWhole() {
        Interpreter interp = interpreter();
        List<Step> all = steps("model lenet_300_100\ndata shapes(train=600, test=100, batch=60)\nlr 0.1\n"
                + "train 1 epoch\ntrain 1 epoch\n");
        interp.execute(all.subList(0, all.size() - 1));
        List<float[]> before = engines.get(0).weights();
        stopIn = "train";
        assertThrows(RunCancelled.class, () -> interp.execute(all.get(all.size() - 1)));
        List<float[]> now = engines.get(0).weights();
        for (int l = 0; l < now.size(); l++) {
            assertArrayEquals(before.get(l), now.get(l), "layer " + l);
        }
    }

    @Test
    void withoutUndoNoSnapshotIsTaken() {
        Interpreter interp = new Interpreter(() -> new FakeEngine(log), Registry.standard(),
                new Interpreter.Options(null, 1, Path.of("out")), new RunListener() {}, () -> false);
        interp.execute(steps(SETUP));
        assertFalse(log.stream().anyMatch(l -> l.startsWith("snapshot")), String.join("\n", log));
        NetworkSpec network = interp.network();
        assertEquals("lenet_300_100", network.name());
    }
}

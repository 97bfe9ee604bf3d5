package dev.prune.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.Registry;
import dev.prune.check.Step;
import dev.prune.front.FrontEnd;
import dev.prune.interp.CycleRecord;
import dev.prune.interp.Interpreter;
import dev.prune.interp.RunListener;
import dev.prune.source.SourceFile;
import dev.prune.testing.WatchingEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan says what the run does: the same rate at every iteration and the same sparsity per cycle. */
class PlanTest {
    private static final String RECIPE = """
            seed 1
            model lenet_300_100
            data shapes(train=600, test=100)
            train 2 epochs lr multistep(lr=0.05, gamma=0.1, at=[1])
            prune l1 by 20% every cycle except output
            retrain 1 epoch lr s_cyc(max=0.1, k=4)
            run 2 cycles
            lr lr_rewind
            retrain 15 iterations
            run 1 cycle
            prune l1 to 80% over 2 cycles every cycle
            sweep schedule in [slr, clr, silo(warmup=5 iterations, at=[0.5]), warmup(cosine(lr=0.02), over=3 iterations)] {
                lr schedule
                run 2 cycles
            }
            lr one_cycle(max=0.2)
            run until sparsity >= 70% max 4 cycles
            """;

    private static List<Step> steps() {
        return FrontEnd.standard().check(new SourceFile("plan.prune", RECIPE)).requireSteps();
    }

    @Test
    void thePlannedRatesAndSparsitiesAreTheOnesTheRunUses() {
        List<Step> steps = steps();
        WatchingEngine engine = new WatchingEngine();
        Interpreter interpreter = new Interpreter(() -> engine, Registry.standard(),
                new Interpreter.Options(null, 1, Path.of("out")), new RunListener() {}, () -> false);
        interpreter.execute(steps);
        Planner.Plan plan = Planner.plan(steps, Registry.standard());

        List<PlanRow> training = plan.rows().stream().filter(PlanRow::trains).toList();
        assertEquals(engine.rates.size(), training.size());
        for (int k = 0; k < training.size(); k++) {
            assertArrayEquals(engine.rates.get(k), training.get(k).curves().get(0), 0.0, "training " + k);
        }
        List<PlanRow> cycles = plan.rows().stream().filter(r -> r.phase().startsWith("cycle")).toList();
        List<CycleRecord> run = interpreter.records().stream().filter(r -> r.cycle() > 0).toList();
        // the sweep's variants keep their records apart; the run's own list holds the rest
        assertEquals(3 + 2, run.size(), "3 cycles before the sweep and 2 after it (70% is reached)");
        assertEquals(3 + 4 * 2 + 2, cycles.size());
        for (int c = 0; c < 3; c++) {
            assertEquals(run.get(c).sparsity(), cycles.get(c).sparsity(), 1e-12, "cycle " + (c + 1));
            assertArrayEquals(run.get(c).layerSparsity(), cycles.get(c).layers(), 1e-12);
        }
        for (int c = 3; c < 5; c++) {
            assertEquals(run.get(c).sparsity(), cycles.get(c + 8).sparsity(), 1e-12, "after the sweep");
            assertEquals("", cycles.get(c + 8).variant());
        }
        assertEquals("schedule=slr", cycles.get(3).variant());
        assertEquals("schedule=warmup(cosine(lr=0.02), over=3 iterations)", cycles.get(10).variant());
    }

    @Test
    void theOracleIsPlannedAsItsGridAndCountedOncePerPeak() {
        String text = PlanText.render("o.prune", Planner.plan(steps(), Registry.standard()));
        assertTrue(text.startsWith("plan of o.prune: lenet_300_100 (266,200 weights) on shapes, 600 training "
                + "examples, batch 60, 10 iterations per epoch\n"), text);
        assertTrue(text.contains("sweep variant schedule = slr\n"), text);
    }

    @Test
    void theSketchFollowsTheCurveOnOneScale() {
        assertEquals("_.-=^", PlanText.sketch(new double[] {0.01, 0.03, 0.05, 0.07, 0.1}, 0.1));
        assertEquals("^^^^____", PlanText.sketch(new double[] {1, 1, 1, 1, 0.1, 0.1, 0.1, 0.1}, 1));
        assertEquals("__", PlanText.sketch(new double[] {0, 0}, 0));
    }

    @TempDir
    Path dir;

    @Test
    void thePlotIsAPicture() throws Exception {
        Path png = dir.resolve("lr.png");
        LrPlot.write(Planner.plan(steps(), Registry.standard()), "test", png);
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 1000);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals("PNG", new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(4, LrPlot.lines(Planner.plan(steps(), Registry.standard())).size() - 1,
                "one line per variant, and the recipe's own after the sweep");
    }

    @Test
    void aStructuredStepCountsTheWeightsItsUnitsFeed() {
        List<Step> steps = FrontEnd.standard().check(new SourceFile("units.prune", """
                seed 1
                model lenet_300_100
                data shapes(train=600, test=100)
                lr 0.1
                train 1 epoch
                prune neurons on "fc1" by 50% every cycle
                retrain 1 epoch
                run 2 cycles
                """)).requireSteps();
        List<PlanRow> cycles = Planner.plan(steps, Registry.standard()).rows().stream()
                .filter(r -> r.phase().startsWith("cycle")).toList();
        // fc1 loses half its neurons and with them their incoming weights (784 each) and the
        // weights they feed in fc2 (100 each); the output layer reads fc2 only.
        assertArrayEquals(new double[] {0.5, 0.5, 0.0}, cycles.get(0).layers(), 1e-9);
        assertArrayEquals(new double[] {0.75, 0.75, 0.0}, cycles.get(1).layers(), 1e-9);
        assertEquals(1 - (0.5 * 235_200 + 0.5 * 30_000 + 1_000) / 266_200, cycles.get(0).sparsity(), 1e-9);
    }
}

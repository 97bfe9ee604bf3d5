package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.Registry;
import dev.prune.check.Step;
import dev.prune.front.FrontEnd;
import dev.prune.source.SourceFile;
import dev.prune.testing.FakeEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A finetune condition sees every metric it names measured, so a condition that holds fine-tunes. */
class FinetuneMetricsTest {

    private static List<CycleRecord> run(String when) {
        String recipe = """
                model mlp(784, 16, 10)
                data shapes(train=200, test=50, val=50)
                lr 0.1
                train 1 epoch
                prune l1 by 20% every cycle
                retrain 1 epoch
                finetune when WHEN
                run 3 cycles
                """.replace("WHEN", when);
        List<Step> steps = FrontEnd.standard().check(new SourceFile("f.prune", recipe)).requireSteps();
        Interpreter interpreter = new Interpreter(() -> new FakeEngine(new ArrayList<>()), Registry.standard(),
                new Interpreter.Options(null, 1, Path.of("unused")), RunListener.all(List.of()), () -> false);
        interpreter.execute(steps);
        return interpreter.records();
    }

    @Test
    void validationAccuracyAndDeadRateAreMeasuredBeforeTheConditionIsJudged() {
        for (String when : List.of("val_accuracy >= 0%", "dnr >= 0%", "dnr >= 0% or val_accuracy >= 0%",
                "distance > 0", "pq_index > 0")) {
            List<CycleRecord> records = run(when);
            assertEquals(4, records.size(), when);
            for (CycleRecord r : records.subList(1, records.size())) {
                assertTrue(r.retrained(), when + ": cycle " + r.cycle() + " fine-tunes");
            }
        }
        for (CycleRecord r : run("val_accuracy > 100%").subList(1, 4)) {
            assertFalse(r.retrained(), "a condition that cannot hold skips: cycle " + r.cycle());
        }
    }
}

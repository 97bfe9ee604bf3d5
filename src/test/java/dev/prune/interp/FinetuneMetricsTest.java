package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.Registry;
import dev.prune.check.Step;
import dev.prune.engine.Engine;
import dev.prune.front.FrontEnd;
import dev.prune.source.SourceFile;
import dev.prune.testing.FakeEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A finetune condition sees every metric it names measured, so a condition that holds fine-tunes. */
class FinetuneMetricsTest {

    private static List<CycleRecord> run(String when) {
        return run(when, new FakeEngine(new ArrayList<>()));
    }

    private static List<CycleRecord> run(String when, Engine engine) {
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
        Interpreter interpreter = new Interpreter(() -> engine, Registry.standard(),
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

    @Test
    void theDecisionMeasuresOnlyWhatTheConditionNames() {
        List<String> calls = new ArrayList<>();
        Engine inner = new FakeEngine(new ArrayList<>());
        Engine counting = (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("evaluate")) {
                        calls.add("evaluate " + args[0]);
                    } else if (method.getName().equals("unitActivity")) {
                        calls.add("unitActivity");
                    }
                    try {
                        return method.invoke(inner, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        List<CycleRecord> records = run("drop > 100%", counting);
        assertEquals(4, records.size());
        for (CycleRecord r : records.subList(1, 4)) {
            assertFalse(r.retrained(), "cycle " + r.cycle());
        }
        // Each of the 4 rows measures the test and validation splits and the dead neuron rate once;
        // each of the 3 decisions adds only the test evaluation that drop needs.
        assertEquals(4 + 3, calls.stream().filter(c -> c.equals("evaluate TEST")).count(), calls.toString());
        assertEquals(4, calls.stream().filter(c -> c.equals("evaluate VALIDATION")).count(), calls.toString());
        assertEquals(4, calls.stream().filter(c -> c.equals("unitActivity")).count(), calls.toString());
    }
}

package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.builtins.Registry;
import dev.prune.check.Step;
import dev.prune.front.FrontEnd;
import dev.prune.source.SourceFile;
import dev.prune.testing.FakeEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each expect is judged on the cycle it names, and what the run directory records says which cycle and its numbers. */
class ExpectationsTest {
    private static List<String> judged(String expectations) {
        String recipe = """
                seed 3
                model lenet_300_100
                data shapes(train=600, test=100)
                lr 0.1
                train 1 epoch
                prune l1 by 20% every cycle
                retrain 1 epoch
                run 3 cycles
                """ + expectations;
        List<Step> steps = FrontEnd.standard().check(new SourceFile("e.prune", recipe)).requireSteps();
        List<String> heard = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void expectation(String claim, boolean held, String detail) {
                heard.add(claim + " | " + held + " | " + detail);
            }
        };
        Interpreter interpreter = new Interpreter(() -> new FakeEngine(new ArrayList<>()), Registry.standard(),
                new Interpreter.Options(null, 1, Path.of("unused")), listener, () -> false);
        interpreter.execute(steps);
        return heard;
    }

    @Test
    void atChoosesTheFirstCycleWhereItsConditionHolds() {
        List<String> heard = judged("expect sparsity >= 30% at sparsity >= 30%\nexpect sparsity < 30% at sparsity < 50%\n");
        assertEquals(2, heard.size(), heard.toString());
        // 20% a cycle: 20%, 36%, 48.8%; the first at or above 30% is cycle 2, the first below 50% is cycle 0
        assertEquals("sparsity >= 30% at sparsity >= 30% | true | cycle 2: accuracy ", heard.get(0).substring(0,
                heard.get(0).indexOf("accuracy ") + 9));
        assertEquals(true, heard.get(0).endsWith("%, sparsity 36.00%"), heard.get(0));
        assertEquals(true, heard.get(1).startsWith("sparsity < 30% at sparsity < 50% | true | cycle 0: accuracy "),
                heard.get(1));
        assertEquals(true, heard.get(1).endsWith("%, sparsity 0.00%"), heard.get(1));
    }

    @Test
    void theDetailGivesAccuracyAndSparsityInPercent() {
        String last = judged("expect accuracy >= 1%\n").get(0);
        assertEquals(true, last.matches("accuracy >= 1% \\| true \\| cycle 3: accuracy \\d{2}\\.\\d{2}%, sparsity 48\\.80%"),
                last);
    }

    @Test
    void aConditionNoCycleMeetsFailsTheClaimAndIsRecorded() {
        assertEquals(List.of("accuracy >= 1% at sparsity >= 90% | false | no cycle where sparsity >= 90%"),
                judged("expect accuracy >= 1% at sparsity >= 90%\n"));
    }
}

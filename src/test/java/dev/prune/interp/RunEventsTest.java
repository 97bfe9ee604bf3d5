package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.builtins.Registry;
import dev.prune.check.Step;
import dev.prune.data.DataSplit;
import dev.prune.engine.NetworkSpec;
import dev.prune.front.FrontEnd;
import dev.prune.source.SourceFile;
import dev.prune.testing.FakeEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The events the run directory's records are written from (the manifest's model, data, seed and
 * penalties; lr.csv from each phase's rates), as the interpreter sends them on the fake engine.
 */
class RunEventsTest {
    @Test
    void theNetworkTheDataEachPhasesRatesAndItsPenaltyAreHeard() {
        String recipe = """
                seed 6
                model resnet(depth=8)
                data shapes(train=96, test=32, batch=32)
                lr 0.1
                train 1 epoch
                penalty bn_l1(lambda=1e-5)
                prune l1 by 20% every cycle
                retrain 2 iterations lr 0.05
                run 1 cycle
                """;
        List<Step> steps = FrontEnd.standard().check(new SourceFile("v.prune", recipe)).requireSteps();
        List<String> heard = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void network(NetworkSpec network, String engine) {
                heard.add("network " + network.name() + " on " + engine);
            }

            @Override
            public void built(NetworkSpec network, DataSplit data, long seed, Map<String, String> engine) {
                heard.add("built " + network.name() + " " + data.train().name() + " " + data.train().count()
                        + " seed " + seed + " " + engine);
            }

            @Override
            public void phase(PhaseStart start) {
                heard.add("phase " + start.phase() + " cycle " + start.cycle() + " from " + start.firstIteration()
                        + " lrs " + Arrays.toString(start.lrs()));
            }

            @Override
            public void penalty(String phase, String penalty) {
                heard.add("penalty " + phase + " " + penalty);
            }
        };
        Interpreter interpreter = new Interpreter(() -> new FakeEngine(new ArrayList<>()), Registry.standard(),
                new Interpreter.Options(null, 1, Path.of("unused")), listener, () -> false);
        interpreter.execute(steps);
        assertEquals(List.of(
                "network resnet8 on fake engine",
                "built resnet8 shapes 96 seed 6 {engine=fake engine}",
                "phase train cycle 0 from 0 lrs [0.1, 0.1, 0.1]",
                "phase cycle 1 cycle 1 from 3 lrs [0.05, 0.05]",
                "penalty cycle 1 bn_l1(lambda=1.0e-5)"), heard);
    }
}

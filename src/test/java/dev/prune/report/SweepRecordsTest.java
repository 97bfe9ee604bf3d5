package dev.prune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.Registry;
import dev.prune.check.Step;
import dev.prune.front.FrontEnd;
import dev.prune.interp.Interpreter;
import dev.prune.interp.RunListener;
import dev.prune.source.SourceFile;
import dev.prune.testing.FakeEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep's records on the fake engine: each variant's seed in the manifest, the side-by-side table in the summary. */
class SweepRecordsTest {
    @TempDir
    Path tmp;

    private static final String RECIPE = """
            seed 3
            model lenet_300_100
            data shapes(train=600, test=100)
            lr 0.1
            train 1 epoch
            prune l1 by 20% every cycle
            retrain 1 epoch
            sweep s in [4, 5] {
                seed s
                run 2 cycles
            }
            """;

    @Test
    void aSweepOverSeedsRecordsEachSeedAndTheSummaryShowsTheVariantsSideBySide() throws IOException {
        Path dir = tmp.resolve("run");
        Interpreter interpreter = run(dir, RECIPE);
        assertEquals(List.of(), interpreter.failedExpectations());

        Map<String, Object> m = Manifest.read(dir);
        assertEquals(3, ((Number) m.get("seed")).intValue(), "the run's own seed, in force after the sweep");
        assertEquals(Map.of("s=4", 4, "s=5", 5), m.get("variant_seeds"));
        String summary = Files.readString(dir.resolve("summary.md"));
        assertTrue(summary.contains("## Sweep s\n"), summary);
        assertTrue(summary.contains("| cycle | s = 4 | s = 5 |\n|---:|---:|---:|\n"), summary);
        assertTrue(summary.matches("(?s).*\\| 2 \\| [0-9.]+% \\(36\\.0%\\) \\| [0-9.]+% \\(36\\.0%\\) \\|\n.*"), summary);
    }

    @Test
    void aGridOfNamedBlocksAndSeedsRecordsEveryCombinationAndAnExpectJudgesTheVariantItNames() throws IOException {
        Path dir = tmp.resolve("grid");
        Interpreter interpreter = run(dir, """
                seed 3
                model lenet_300_100
                data shapes(train=600, test=100)
                lr 0.1
                prune l1 by 20% every cycle
                retrain 1 epoch
                sweep rewinding {
                    init { rewind to init }
                    off { rewind none }
                    sweep s in [4, 5] {
                        seed s
                        train 1 epoch
                        run 2 cycles
                    }
                }
                expect sparsity >= 36% in rewinding = off, s = 5
                expect sparsity > 40% at cycle == 1 in rewinding = init, s = 4
                """);
        assertEquals(List.of("sparsity > 40% at cycle == 1 in rewinding=init,s=4"), interpreter.failedExpectations());

        Map<String, Object> m = Manifest.read(dir);
        assertEquals(Map.of("rewinding=init,s=4", 4, "rewinding=init,s=5", 5, "rewinding=off,s=4", 4,
                "rewinding=off,s=5", 5), m.get("variant_seeds"));
        List<String> variants = RunFiles.csv(dir.resolve("cycles.csv")).stream().skip(1)
                .map(row -> row.get(RunFiles.csv(dir.resolve("cycles.csv")).get(0).indexOf("variant"))).distinct().toList();
        assertEquals(List.of("rewinding=init,s=4", "rewinding=init,s=5", "rewinding=off,s=4", "rewinding=off,s=5"),
                variants);
        String summary = Files.readString(dir.resolve("summary.md"));
        assertTrue(summary.contains("| cycle | rewinding = init, s = 4 | rewinding = init, s = 5 | rewinding = off, s = 4 | "
                + "rewinding = off, s = 5 |\n"), summary);
        String expectations = Files.readString(dir.resolve("expectations.jsonl"));
        assertTrue(expectations.contains("in rewinding=off,s=5"), expectations);
    }

    /** Checks and runs a recipe on the fake engine with the run directory's listeners; the summary written. */
    private static Interpreter run(Path dir, String recipe) throws IOException {
        List<Step> steps = FrontEnd.standard().check(new SourceFile("r.prune", recipe)).requireSteps();
        RunDirectory files = RunDirectory.create(dir, recipe);
        Manifest manifest = Manifest.start(dir, dir.resolve("r.prune"), recipe, Map.of(), null, 1, List.of(),
                List.of("run", "r.prune"));
        Interpreter interpreter = new Interpreter(() -> new FakeEngine(new ArrayList<>()), Registry.standard(),
                new Interpreter.Options(null, 1, dir), RunListener.all(List.of(files, manifest)), () -> false);
        try {
            interpreter.execute(steps);
        } finally {
            interpreter.close();
        }
        manifest.finish(interpreter.seed(), "ok", 0);
        files.writeSummary();
        return interpreter;
    }
}

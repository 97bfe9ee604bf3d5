package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps, the oracle and ICE-Pick's skipped fine-tuning, end to end on DL4J with tiny data. */
@Tag("slow")
class LrRunTest {
    @TempDir
    Path dir;

    /** cycles.csv as rows of named cells (a quoted cell may hold commas). */
    /** Rows by column name, read with the run directory's own CSV reader (quoted cells included). */
    static List<Map<String, String>> csv(Path file) throws IOException {
        List<List<String>> table = dev.prune.report.RunFiles.csv(file);
        List<String> header = table.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> cells : table.subList(1, table.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private CliTest.Result run(String recipe) throws IOException {
        Path file = dir.resolve("r.prune");
        Files.writeString(file, recipe);
        return CliTest.prune("run", file.toString(), "--out", dir.resolve("out").toString());
    }

    @Test
    void aSweepRunsEachVariantFromTheSameStartAndTheOracleReportsItsChoice() throws IOException {
        CliTest.Result r = run("""
                seed 3
                model lenet_300_100
                data shapes(train=900, test=200, val=100)
                optimizer sgd(momentum=0.9)
                lr 0.05
                train 1 epoch
                prune l1 by 20% every cycle
                rewind none
                retrain 1 epoch
                sweep schedule in [0.02, oracle(grid=[0.005, 0.05])] {
                    lr schedule
                    run 2 cycles
                }
                """);
        assertEquals(Main.OK, r.code(), r.err());
        List<Map<String, String>> rows = csv(dir.resolve("out/cycles.csv"));
        assertEquals(6, rows.size());
        assertEquals("schedule=0.02", rows.get(0).get("variant"));
        assertEquals("schedule=oracle(grid=[0.005, 0.05])", rows.get(3).get("variant"));
        assertEquals(rows.get(0).get("accuracy"), rows.get(3).get("accuracy"), "both variants start from one model");
        for (int i = 0; i < 3; i++) {
            assertEquals("", rows.get(i).get("oracle_lr"));
        }
        for (int i = 4; i < 6; i++) {
            String chosen = rows.get(i).get("oracle_lr");
            assertTrue(chosen.equals("0.005") || chosen.equals("0.05"), chosen);
            assertEquals(chosen, rows.get(i).get("lr_max"), "the cycle trained with the chosen peak");
        }
        assertTrue(r.out().contains("sweep schedule: 2 variants from the same start"), r.out());
        assertTrue(r.out().contains("oracle: validation accuracy 0.005 "), r.out());
        assertTrue(r.out().contains("oracle chose "), r.out());
    }

    @Test
    void skippedFineTuningIsReportedWithTheTimeItSaved() throws IOException {
        CliTest.Result r = run("""
                seed 3
                model lenet5
                data shapes(train=600, test=200)
                lr 0.05
                train 1 epoch
                import "icepick"
                finetune when drop > 90%
                run 2 cycles
                report
                """);
        assertEquals(Main.OK, r.code(), r.err());
        List<Map<String, String>> rows = csv(dir.resolve("out/cycles.csv"));
        assertEquals(4, rows.size());
        assertEquals("true", rows.get(1).get("retrained"), "the first step always fine-tunes");
        assertEquals("", rows.get(1).get("frozen"), "freezing comes after the first step");
        assertEquals(2, rows.get(2).get("frozen").split(" ").length, "ceil(30% of lenet5's 5 layers) freeze");
        for (int i = 2; i < 4; i++) {
            assertEquals("false", rows.get(i).get("retrained"));
            double saved = Double.parseDouble(rows.get(i).get("seconds_saved"));
            assertTrue(saved > 0, "a skipped fine-tuning saves its estimated time: " + saved);
        }
        assertTrue(r.out().contains("fine-tuning skipped, ~"), r.out());
        assertTrue(r.out().contains("fine-tuned in 1 of 3 cycles, skipped in 2; saved about "), r.out());
    }

    @Test
    void aVariantOfNamedBlocksHasTheCyclesOfItsStatementsRunAlone() throws IOException {
        String start = """
                seed 5
                model mlp(784, 32, 10)
                data shapes(train=600, test=200)
                lr 0.05
                train 1 epoch
                """;
        String shared = """
                    rewind to init
                    retrain 1 epoch
                    run 2 cycles
                """;
        CliTest.Result swept = run(start + """
                sweep method {
                    magnitude { prune l1 by 50% every cycle }
                    random { prune random by 50% every cycle }
                """ + shared + "}\n");
        assertEquals(Main.OK, swept.code(), swept.err());
        assertTrue(swept.out().contains("sweep method, variant 2 of 2: method = random"), swept.out());
        List<Map<String, String>> rows = csv(dir.resolve("out/cycles.csv"));
        Path alone = dir.resolve("alone.prune");
        Files.writeString(alone, start + "prune random by 50% every cycle\n" + shared);
        CliTest.Result single = CliTest.prune("run", alone.toString(), "--out", dir.resolve("alone").toString());
        assertEquals(Main.OK, single.code(), single.err());

        List<Map<String, String>> random = rows.stream().filter(r -> r.get("variant").equals("method=random")).toList();
        List<Map<String, String>> own = csv(dir.resolve("alone/cycles.csv"));
        assertEquals(3, random.size());
        for (int i = 0; i < 3; i++) {
            Map<String, String> a = new LinkedHashMap<>(random.get(i));
            Map<String, String> b = new LinkedHashMap<>(own.get(i));
            for (Map<String, String> m : List.of(a, b)) {
                m.remove("seconds");
                m.remove("variant");
            }
            assertEquals(b, a, "cycle " + i + ": the variant trains, prunes and evaluates as the recipe alone");
        }
        assertEquals(2, rows.stream().map(r -> r.get("variant")).distinct().count());
    }
}

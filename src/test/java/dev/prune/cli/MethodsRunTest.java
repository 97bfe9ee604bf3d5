package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pruning methods end to end on DL4J, on tiny built-in data. */
@Tag("slow")
class MethodsRunTest {
    @TempDir
    Path dir;

    private Path recipe(String text) throws IOException {
        Path file = dir.resolve("r.prune");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void pruningAtInitWithGradientsAndWithoutDataRuns() throws IOException {
        String text = """
                seed 3
                model lenet_300_100
                data shapes(train=1200, test=200)
                optimizer sgd(momentum=0.9)
                lr 0.05
                prune global snip to 80% at init
                prune global synflow(rounds=20) to 90% at init
                prune global grasp by 10% at init
                train 2 epochs
                evaluate
                """;
        CliTest.Result r = CliTest.prune("run", recipe(text).toString(), "--out", dir.resolve("out").toString());
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().contains("at sparsity 91.00%"), r.out());
    }

    @Test
    void dropnetCyclesReportTheCostNumbersAndCompactMatchesTheMaskedNetwork() throws IOException {
        String text = """
                seed 4
                model lenet_300_100
                data shapes(train=1200, test=200)
                optimizer sgd(momentum=0.9)
                lr 0.05
                train 1 epoch
                prune dropnet by 50% every cycle
                rewind to init
                retrain 1 epoch
                run 2 cycles
                compact "small.zip"
                prune ap(base=l1, rate=5%) by 20% every cycle
                run 1 cycle
                expect compression >= 1.2 and speedup >= 1.2 and dnr < 100%
                """;
        Path out = dir.resolve("out");
        CliTest.Result r = CliTest.prune("run", recipe(text).toString(), "--out", out.toString());
        assertEquals(Main.OK, r.code(), r.err() + r.out());
        List<String> lines = Files.readAllLines(out.resolve("cycles.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        String[] second = lines.get(3).split(",", -1);
        // After two cycles 75 of 300 and 25 of 100 neurons are left: 784*75 + 75*25 + 25*10 weights.
        double kept = 784 * 75 + 75 * 25 + 25 * 10;
        assertEquals(266200 / kept, Double.parseDouble(second[header.indexOf("compression")]), 1e-3);
        double dnr = Double.parseDouble(second[header.indexOf("dnr")]);
        assertTrue(dnr > 0 && dnr < 1, "dnr " + dnr);
        // After compact the table describes the smaller network: the next cycle's 20% of its weights.
        String[] third = lines.get(4).split(",", -1);
        assertEquals(1.25, Double.parseDouble(third[header.indexOf("compression")]), 0.01);
        List<String> compact = Files.readAllLines(out.resolve("compact.csv"));
        List<String> columns = Arrays.asList(compact.get(0).split(","));
        String[] row = compact.get(1).split(",", -1);
        assertEquals("75 25 10", row[columns.indexOf("widths_after")]);
        assertEquals(Long.toString((long) kept + 75 + 25 + 10), row[columns.indexOf("params_after")]);
        double difference = Double.parseDouble(row[columns.indexOf("max_difference")]);
        assertTrue(difference <= 1e-5, "max difference " + difference);
        assertTrue(Files.exists(out.resolve("small.zip")));
        assertTrue(r.out().contains("compact: fc1 300->75, fc2 100->25"), r.out());
    }
}

package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The procedures end to end on a small ResNet (batch norm, residual adds) and a small batch-normalised
 * VGG: movement, AP with the dead-neuron rate of the ReLU nodes, gradual pruning, RigL with
 * Erdős–Rényi-kernel sparsities, freezing, one LR schedule of each family in a sweep, and the Oracle.
 * Tiny data (12x12 or 16x16 images, two iterations an epoch at batch 32): these assert what each
 * procedure does to the masks and the tables, not how well the network learns.
 */
@Tag("slow")
class GraphProceduresRunTest {
    @TempDir
    Path dir;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static final String HEAD = """
            seed 4
            model %s
            data shapes(train=96, test=32, val=32, batch=32, size=%d)
            optimizer sgd(momentum=0.9, weight_decay=0.0005)
            lr 0.05
            train 1 epoch
            """;

    /** The first and the widest conv of each model, to compare per-layer figures. */
    private static String firstConv(String model) {
        return model.startsWith("resnet") ? "stem" : "conv1";
    }

    private static String lastConv(String model) {
        return model.startsWith("resnet") ? "stage3.block1.conv2" : "conv8";
    }

    private List<Map<String, String>> run(String model, String body) throws IOException {
        Path recipe = dir.resolve("r.prune");
        // 12x12 images for the ResNet, 16x16 for the VGG, whose four poolings need them
        Files.writeString(recipe, HEAD.formatted(model, model.startsWith("vgg") ? 16 : 12) + body);
        Path out = dir.resolve("out");
        CliTest.Result r = CliTest.prune("run", recipe.toString(), "--out", out.toString());
        assertEquals(Main.OK, r.code(), r.out() + r.err());
        List<Map<String, String>> rows = new ArrayList<>();
        // the JSON twin: a sweep's variants hold commas, which the CSV quotes
        for (String line : Files.readAllLines(out.resolve("cycles.jsonl"))) {
            Map<String, String> row = new LinkedHashMap<>();
            JSON.readTree(line).fields().forEachRemaining(e -> row.put(e.getKey(),
                    e.getValue().isNull() ? "" : e.getValue().asText()));
            rows.add(row);
        }
        return rows;
    }

    private static double num(Map<String, String> row, String column) {
        assertTrue(row.containsKey(column), "no column " + column + " in " + row.keySet());
        return Double.parseDouble(row.get(column));
    }

    private static Map<String, String> last(List<Map<String, String>> rows) {
        return rows.get(rows.size() - 1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resnet(depth=8)", "vgg(depth=11, width=0.125)"})
    void movementAndThenActivationPruningWithTheDeadNeuronRateOfTheReluNodes(String model) throws IOException {
        List<Map<String, String>> rows = run(model, """
                prune global movement by 50% every cycle
                rewind none
                retrain 1 epoch
                run 1 cycle
                prune ap(base=l1, rate=5%) by 50% every cycle
                rewind to init
                run 1 cycle
                """);
        assertEquals(3, rows.size());
        // movement prunes by the rate of the remaining weights
        assertEquals(0.5, num(rows.get(1), "sparsity"), 1e-3);
        assertEquals(0.75, num(rows.get(2), "sparsity"), 1e-3);
        double dnr = num(rows.get(2), "dnr");
        // Measured on the ReLU nodes after the cycle: a number, and neither none nor all of them dead.
        assertTrue(dnr > 0 && dnr < 1, "dnr " + dnr);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resnet(depth=8)", "vgg(depth=11, width=0.125)"})
    void gradualPruningReachesItsTargetInEveryConvAndDenseLayer(String model) throws IOException {
        List<Map<String, String>> rows = run(model, """
                prune l1 to 80% every 1 iterations until 4 iterations
                retrain 2 iterations
                run 3 cycles
                """);
        Map<String, String> end = last(rows);
        assertEquals(0.8, num(end, "sparsity"), 1e-3);
        for (String layer : List.of(firstConv(model), lastConv(model), "fc")) {
            // Layer-wise: each layer at 80%, up to the rounding of each step on its weight count (the
            // first convs have 72 and 144 weights, and every step rounds up).
            assertEquals(0.8, num(end, "sparsity_" + layer), 0.025, layer);
        }
        assertTrue(num(rows.get(1), "sparsity") > 0.1 && num(rows.get(1), "sparsity") < 0.8, "cubic: " + rows.get(1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resnet(depth=8)", "vgg(depth=11, width=0.125)"})
    void riglKeepsTheErdosRenyiKernelSparsitiesAcrossConvLayers(String model) throws IOException {
        List<Map<String, String>> rows = run(model, """
                prune rigl to 90% every 1 iterations until 4 iterations
                retrain 2 iterations
                run 2 cycles
                """);
        for (Map<String, String> row : rows.subList(1, rows.size())) {
            assertEquals(0.9, num(row, "sparsity"), 1e-3);
            // ERK: a small first conv stays much denser than a wide late one.
            assertTrue(num(row, "sparsity_" + firstConv(model)) < num(row, "sparsity_" + lastConv(model)) - 0.1,
                    "ERK: " + row);
        }
    }

    /**
     * Freezing, one schedule of each family and the Oracle, in one sweep: every variant starts
     * from the same state, keeps the named layer frozen, and the Oracle keeps a rate of its grid.
     * These are the interpreter's, the same on any graph; the ResNet is the one with adds.
     */
    @Test
    void aSweepOfScheduleFamiliesAndTheOracleKeepsTheFrozenLayerFrozen() throws IOException {
        String model = "resnet(depth=8)";
        String frozen = firstConv(model);
        List<Map<String, String>> rows = run(model, """
                prune global l1 by 30%% every cycle
                rewind none
                freeze %s
                sweep schedule in [cosine(lr=0.05), lr_rewind, s_cyc(max=0.1, k=4), icepick(), oracle(grid=[0.01, 0.05])] {
                    lr schedule
                    retrain 1 epoch
                    run 2 cycles
                }
                """.formatted(frozen));
        Set<String> variants = new HashSet<>();
        Set<String> peaks = new HashSet<>();
        for (Map<String, String> row : rows) {
            if (row.get("variant").isEmpty() || row.get("lr_max").isEmpty()) {
                continue;
            }
            variants.add(row.get("variant"));
            peaks.add(row.get("lr_max"));
            assertEquals(frozen, row.get("frozen"), row.toString());
            double sparsity = num(row, "sparsity");
            assertTrue(Math.abs(sparsity - 0.3) < 1e-3 || Math.abs(sparsity - 0.51) < 1e-3, row.toString());
            if (row.get("variant").startsWith("schedule=oracle")) {
                double peak = num(row, "lr_max");
                assertTrue(peak == 0.01 || peak == 0.05, "a rate of the grid: " + peak);
                assertNotEquals("", row.get("val_accuracy"));
            }
        }
        assertEquals(5, variants.size(), rows.toString());
        assertTrue(peaks.size() >= 3, "the schedules set different rates: " + peaks);
    }
}

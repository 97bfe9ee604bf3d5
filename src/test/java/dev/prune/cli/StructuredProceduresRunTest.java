package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structured procedures on a residual, batch-normalised network (ResNet-8, two iterations an
 * epoch): ICE-Pick block by block with its freezing and accuracy-drop rule, the Scratch-E/B
 * baselines of a channel-pruned network, and network slimming followed by an early-bird search.
 */
@Tag("slow")
class StructuredProceduresRunTest {
    @TempDir
    Path dir;

    private static final String HEAD = "seed 1\nmodel resnet(depth=8)\ndata shapes(train=64, test=32, batch=32)\n"
            + "optimizer sgd(momentum=0.9)\nlr 0.05\n";

    private int runs;
    private Path lastOut;
    private String lastLog;

    private List<Map<String, String>> run(String recipe, String... sets) throws IOException {
        Path file = dir.resolve("r.prune");
        Files.writeString(file, HEAD + recipe);
        Path out = dir.resolve("out" + runs++);
        lastOut = out;
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--out", out.toString()));
        for (String set : sets) {
            args.add("--set");
            args.add(set);
        }
        CliTest.Result r = CliTest.prune(args.toArray(new String[0]));
        lastLog = r.out();
        assertEquals(Main.OK, r.code(), r.out() + r.err());
        List<String> lines = Files.readAllLines(out.resolve("cycles.csv"));
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void icePickPrunesBlockByBlockFreezesAfterTheFirstStepAndFineTunesOnlyOnADrop() throws IOException {
        StringBuilder recipe = new StringBuilder("train 1 epoch\nrewind none\nlr icepick()\nretrain 1 epoch\n");
        for (int stage = 1; stage <= 3; stage++) {
            recipe.append("prune filters on \"stage").append(stage).append(".block1.conv1\" by 50% every cycle\n")
                    .append("run 1 cycle\n");
            if (stage == 1) {
                recipe.append("freeze 30% of layers\nfinetune when drop > 1.5%\n");
            }
        }
        List<Map<String, String>> rows = run(recipe.toString());
        assertEquals(4, rows.size());
        assertEquals("true", rows.get(1).get("retrained"));
        assertEquals("", rows.get(1).get("frozen"));
        for (int stage = 1; stage <= 3; stage++) {
            Map<String, String> row = rows.get(stage);
            // Half the block's first-conv filters, and with them half its second conv's input channels.
            assertEquals(0.5, Double.parseDouble(row.get("sparsity_stage" + stage + ".block1.conv1")), 1e-9);
            assertEquals(0.5, Double.parseDouble(row.get("sparsity_stage" + stage + ".block1.conv2")), 1e-9);
            if (stage > 1) {
                // ceil(30% of the 8 weight layers) stay frozen from the second step on.
                assertEquals(3, row.get("frozen").split(" ").length, row.toString());
                boolean retrained = Boolean.parseBoolean(row.get("retrained"));
                assertEquals(!retrained, !row.get("seconds_saved").isEmpty() && Double.parseDouble(row.get("seconds_saved")) > 0,
                        row.toString());
            }
        }
        assertEquals("0", rows.get(0).get("sparsity_stage2.block1.conv1"));
    }

    @Test
    void scratchBaselinesTrainTheChannelPrunedNetworkFromFreshWeightsForTheSameEpochsOrTheSameCompute()
            throws IOException {
        List<Map<String, String>> rows = run("train 1 epoch\nprune filters by 50%\nimport \"scratch\"\n");
        assertEquals(3, rows.size());
        Map<String, String> e = rows.get(1);
        Map<String, String> b = rows.get(2);
        // The same masks: the same sparsity and speed-up in every row after pruning.
        assertEquals(e.get("sparsity"), b.get("sparsity"));
        assertTrue(Double.parseDouble(e.get("sparsity")) > 0.4, e.toString());
        double speedup = Double.parseDouble(e.get("speedup"));
        assertTrue(speedup > 2, e.toString());
        // Scratch-E trains as long as the dense training (1 epoch), Scratch-B that times the FLOPs ratio.
        assertEquals(1.0, Double.parseDouble(e.get("epochs")), 1e-9);
        assertEquals(Math.round(2 * speedup) / 2.0, Double.parseDouble(b.get("epochs")), 1e-5);
    }

    @Test
    void slimmingThenAnEarlyBirdSearchRunFromTheirStdlibRecipes() throws IOException {
        List<Map<String, String>> rows = run("import \"slimming\"\nrun 1 cycle\n", "slimming_train=2 epochs",
                "slimming_finetune=1 epoch");
        assertEquals(2, rows.size());
        // 70% of all channels with a batch norm go, one threshold over the groups (a channel of the
        // residual stream counts once): the speed-up is well above 1.
        assertTrue(Double.parseDouble(rows.get(1).get("speedup")) > 2, rows.get(1).toString());
        Map<String, Object> manifest = dev.prune.report.Manifest.read(lastOut);
        assertEquals(List.of(Map.of("phase", "train", "penalty", "bn_l1(lambda=0.0001)")), manifest.get("penalties"));

        // Early-bird: on this tiny run the masks need not settle; the search stops at eb_epochs at the latest.
        List<Map<String, String>> eb = run("import \"early_bird\"\nrun 1 cycle\nexpect mask_distance <= 1\n",
                "eb_epochs=6 epochs", "eb_retrain=1 epoch");
        assertEquals(2, eb.size());
        // The search's epochs: at least four (five masks, the first before training), at most six.
        long searched = Files.readAllLines(lastOut.resolve("epochs.csv")).stream().filter(l -> l.startsWith("train,"))
                .count();
        assertTrue(searched >= 4 && searched <= 6, "epochs searched: " + searched);
        assertTrue(lastLog.contains("early-bird ticket drawn after") || lastLog.contains("no early-bird ticket after"),
                lastLog);
    }
}

package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.dl4j.OwnModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model "file.zip"} on networks the user's own DL4J code saved: check reads their graph
 * from the file, run prunes them, and what Prune cannot run is one sentence naming the file.
 */
class OwnModelTest {
    @TempDir
    Path dir;

    private static final String RECIPE = """
            seed 5
            model "%s"
            data shapes(train=120, test=60)
            optimizer sgd(momentum=0.9)
            lr 0.05
            train 1 epoch
            prune l1 by 50%% every cycle %s
            retrain 1 epoch
            run 1 cycle
            """;

    private Path recipe(String model, String selector) throws IOException {
        Path r = dir.resolve("r.prune");
        Files.writeString(r, RECIPE.formatted(model, selector));
        return r;
    }

    private static void ok(CliTest.Result r) {
        assertEquals(Main.OK, r.code(), r.out() + r.err());
    }

    /** Exit 2 and one sentence at the model line, no stack trace. */
    private void refused(String model, String sentence) throws IOException {
        CliTest.Result r = CliTest.prune("check", recipe(model, "").toString());
        assertEquals(Main.RECIPE_ERROR, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("r.prune:2:7: error: " + sentence), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void checkReadsAMultiLayerNetworkAndItsSelectors() throws IOException {
        OwnModels.layerList(dir.resolve("mln.zip"));
        ok(CliTest.prune("check", recipe("mln.zip", "on \"layer*\" except first, last").toString()));
        ok(CliTest.prune("check", recipe("mln.zip", "on conv").toString()));
        CliTest.Result none = CliTest.prune("check", recipe("mln.zip", "on \"fc*\"").toString());
        assertEquals(Main.RECIPE_ERROR, none.code(), none.err());
        assertTrue(none.err().contains("r.prune:7:"), "positioned at the prune line: " + none.err());
        assertTrue(none.err().contains("fc*"), none.err());
    }

    @Test
    void checkReadsAGraphWithAResidualBlock() throws IOException {
        OwnModels.residual(dir.resolve("cg.zip"));
        ok(CliTest.prune("check", recipe("cg.zip", "on \"block*\"").toString()));
        ok(CliTest.prune("check", recipe("cg.zip", "on conv except first").toString()));
        CliTest.Result show = CliTest.prune("doc", "lenet5");
        assertEquals(Main.OK, show.code(), show.err());
    }

    @Test
    void layersPruneCannotRunAreOneSentenceNamingTheFile() throws IOException {
        OwnModels.lstm(dir.resolve("lstm.zip"));
        refused("lstm.zip", "prune cannot run the network in " + dir.resolve("lstm.zip") + ": layer 'layer0' is a "
                + "LSTM, which prune can neither prune nor follow the shape through");
        OwnModels.regression(dir.resolve("mse.zip"));
        refused("mse.zip", "prune cannot run the network in " + dir.resolve("mse.zip") + ": its output layer "
                + "'layer1' has identity activation and MSE loss; prune runs softmax with MCXENT or "
                + "NEGATIVELOGLIKELIHOOD loss");
    }

    /**
     * Layers Prune runs as saved but cannot prune are listed by check (a warning at the model
     * line), plan and the REPL's :show layers; a selector naming only them, a structured criterion
     * and SynFlow are positioned errors.
     */
    @Test
    void keptLayersAreListedAndCannotBeSelected() throws IOException {
        OwnModels.withKeptLayers(dir.resolve("kept.zip"));
        String kept = "layer1 (ActivationLayer), layer2 (ConvolutionLayer), layer4 (DenseLayer)";
        CliTest.Result check = CliTest.prune("check", recipe("kept.zip", "").toString());
        ok(check);
        assertTrue(check.err().contains("r.prune:2:7: warning: prune runs these layers as saved and never prunes "
                + "them: " + kept), check.err());
        ok(CliTest.prune("check", recipe("kept.zip", "on conv except last").toString()));
        CliTest.Result plan = CliTest.prune("plan", recipe("kept.zip", "").toString());
        ok(plan);
        assertTrue(plan.out().contains("run as saved, not prunable: " + kept), plan.out());
        CliTest.Result selected = CliTest.prune("check", recipe("kept.zip", "on layer2").toString());
        assertEquals(Main.RECIPE_ERROR, selected.code(), selected.err());
        assertTrue(selected.err().contains("r.prune:7:") && selected.err().contains("'layer2' names only layers prune "
                + "runs as saved and cannot prune (layer2 (ConvolutionLayer)); prunable layers: layer0, layer5, layer6"),
                selected.err());
        Path structured = dir.resolve("s.prune");
        Files.writeString(structured, RECIPE.formatted("kept.zip", "").replace("prune l1 by 50%", "prune filters by 50%"));
        CliTest.Result filters = CliTest.prune("check", structured.toString());
        assertEquals(Main.RECIPE_ERROR, filters.code(), filters.err());
        assertTrue(filters.err().contains("r.prune:7:") || filters.err().contains("s.prune:7:"), filters.err());
        assertTrue(filters.err().contains(kept), filters.err());
        assertFalse(filters.err().contains("Exception"), filters.err());
        java.io.InputStream stdin = System.in;
        System.setIn(new java.io.ByteArrayInputStream(("model \"" + dir.resolve("kept.zip") + "\"\n"
                + "data shapes(train=120, test=60)\n:show layers\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            CliTest.Result show = CliTest.prune("repl", "--out", dir.resolve("repl").toString());
            assertTrue(show.out().contains("run as saved, not prunable: " + kept), show.out() + show.err());
            assertTrue(show.out().contains("kept ActivationLayer"), show.out());
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void brokenFilesAreOneSentenceWithThePath() throws IOException {
        Path whole = dir.resolve("whole.zip");
        OwnModels.layerList(whole);
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(dir.resolve("cut.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        refused("cut.zip", dir.resolve("cut.zip") + " is not a model file prune can read (not a whole zip file)");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(dir.resolve("empty.zip")))) {
            out.putNextEntry(new java.util.zip.ZipEntry("coefficients.bin"));
            out.closeEntry();
        }
        refused("empty.zip", dir.resolve("empty.zip") + " is not a DL4J model file: it has no configuration.json");
        Files.createDirectory(dir.resolve("folder.zip"));
        refused("folder.zip", "cannot read model file " + dir.resolve("folder.zip") + ": it is not a regular file "
                + "but a directory");
    }

    @Test
    void aModelThatDoesNotFitTheDataIsPositioned() throws IOException {
        OwnModels.layerList(dir.resolve("mln32.zip"), 32);
        refused("mln32.zip", dir.resolve("mln32.zip") + " takes 1x32x32 images, but the data has 1x28x28");
    }

    private static double sparsity(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("cycles.csv"));
        assertEquals(3, lines.size(), String.join("\n", lines));
        List<String> header = List.of(lines.get(0).split(","));
        return Double.parseDouble(lines.get(2).split(",")[header.indexOf("sparsity")]);
    }

    @Test
    @Tag("slow")
    void runPrunesAMultiLayerNetworkAndSavesIt() throws IOException {
        OwnModels.layerList(dir.resolve("mln.zip"));
        Path r = dir.resolve("r.prune");
        Files.writeString(r, RECIPE.formatted("mln.zip", "except last") + "save \"pruned.zip\"\n");
        Path out = dir.resolve("out");
        ok(CliTest.prune("run", r.toString(), "--out", out.toString()));
        double s = sparsity(out);
        assertTrue(s > 0.4 && s < 0.5, "half of conv and dense weights, not the output's: " + s);
        Path again = dir.resolve("again.prune");
        Files.writeString(again, RECIPE.formatted(out.resolve("pruned.zip"), "on conv"));
        ok(CliTest.prune("check", again.toString()));
    }

    @Test
    @Tag("slow")
    void runPrunesAResidualGraph() throws IOException {
        OwnModels.residual(dir.resolve("cg.zip"));
        Path out = dir.resolve("out");
        ok(CliTest.prune("run", recipe("cg.zip", "on conv").toString(), "--out", out.toString()));
        assertTrue(sparsity(out) > 0.01, "the convs were pruned");
    }
}

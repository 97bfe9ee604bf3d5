package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every stdlib recipe runs on a residual, batch-normalised network, imported where a user would
 * import it, on tiny data (12x12 images, two iterations an epoch); those that remove whole units
 * refuse the network with a positioned recipe error and no trace. ResNet-8 rather than ResNet-20
 * keeps it quick: the blocks, shortcuts and batch norm are the same.
 */
@Tag("slow")
class StdlibOnResnetRunTest {
    @TempDir
    Path dir;

    private static final String HEAD = "seed 1\nmodel resnet(depth=8)\ndata shapes(train=96, test=32, val=32, batch=32, size=12)\n"
            + "optimizer sgd(momentum=0.9, weight_decay=0.0005)\nlr 0.05\n";
    private static final String AFTER_TRAINING = HEAD + "train 1 epoch\nimport \"%s\"\nrun 1 cycle\n";
    private static final String AT_INIT = HEAD + "import \"%s\"\ntrain 1 epoch\n";
    /** ToST sets how the trainings that follow run: here those of a SNIP mask at init. */
    private static final String BEFORE_A_MASK = HEAD + "import \"%s\"\nprune global snip to 90%% at init\ntrain 1 epoch\n";
    private static final String ON_A_PRUNED_NET = "seed 1\nmodel resnet(depth=8)\n"
            + "data shapes(train=64, test=32, batch=32, size=12)\nlr 0.05\ntrain 1 epoch\nprune l1 to 50%%\nimport \"%s\"\n";

    /**
     * A ResNet has no dense hidden layer: neurons finds none to prune (filters, dropnet and apoz
     * prune channel groups; i-SpaSP the channels of the convs inside the blocks; LRPET projects the
     * convs with their batch norms folded in).
     */
    private static final Set<String> REFUSED = Set.of("neurons");

    static Stream<String> recipes() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("stdlib"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".prune"))
                    .map(n -> n.substring(0, n.length() - ".prune".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recipes")
    void aStdlibRecipeRunsOnAResnetOrRefusesItWithAPosition(String name) throws IOException {
        String text = Files.readString(Path.of("stdlib", name + ".prune"));
        // SCL learns its masks in a training of its own and runs no cycle: its epochs are the table;
        // LRPET is a policy for the trainings after it.
        String harness = name.equals("scratch") ? ON_A_PRUNED_NET : name.equals("tost") ? BEFORE_A_MASK
                : text.contains(" at init") || name.equals("scl") || name.equals("lrpet") ? AT_INIT : AFTER_TRAINING;
        Path recipe = dir.resolve("r.prune");
        Files.writeString(recipe, harness.formatted(name));
        Path out = dir.resolve("out");
        // Pruning inside training steps every 100 iterations until 6 epochs: on three iterations an
        // epoch, a step every iteration until the end of the first epoch.
        List<String> args = new java.util.ArrayList<>(List.of("run", recipe.toString(), "--out", out.toString()));
        if (name.equals("gmp") || name.equals("rigl") || name.equals("platon")) {
            args.addAll(List.of("--set", name + "_every=1 iterations", "--set", name + "_until=1 epoch"));
        }
        if (name.equals("gap")) {
            args.addAll(List.of("--set", "gap_every=1 epoch", "--set", "gap_until=1 epoch"));
        }
        // Sup-tickets' cycles end at sup_until: two of half an epoch fit in the first epoch.
        if (name.equals("sup_tickets")) {
            args.addAll(List.of("--set", "sup_every=1 iterations", "--set", "sup_until=1 epoch",
                    "--set", "sup_cycles=2", "--set", "sup_cycle=0.5 epochs"));
        }
        // Network slimming and early-bird tickets train for the paper's 160 epochs: one or two here.
        if (name.equals("slimming")) {
            args.addAll(List.of("--set", "slimming_train=1 epoch", "--set", "slimming_finetune=1 epoch"));
        }
        if (name.equals("scl")) {
            args.addAll(List.of("--set", "scl_train=1 epoch", "--set", "scl_finetune=1 epoch"));
        }
        // The spectral penalty steps once an epoch here (three iterations), on all 96 examples.
        if (name.equals("hessian")) {
            args.addAll(List.of("--set", "hessian_train=1 epoch", "--set", "hessian_every=3"));
        }
        if (name.equals("early_bird")) {
            args.addAll(List.of("--set", "eb_epochs=2 epochs", "--set", "eb_retrain=1 epoch"));
        }
        CliTest.Result r = CliTest.prune(args.toArray(new String[0]));
        if (REFUSED.contains(name)) {
            assertEquals(Main.RECIPE_ERROR, r.code(), r.out() + r.err());
            assertTrue(java.util.regex.Pattern.compile("\\S+\\.prune:\\d+:\\d+: error: ").matcher(r.err()).find(), r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
            return;
        }
        assertEquals(Main.OK, r.code(), r.out() + r.err());
        if (name.equals("lrpet")) {
            // Every conv projected with the batch norm after it folded in: the stem, 16 x 9, at rank 1.
            assertTrue(r.out().contains("lrpet: stem 16 x 9 to rank 1 of 9"), r.out());
            assertTrue(r.out().contains("(batch norm 'stem_bn' folded in)"), r.out());
        }
        // Pruning at initialization runs no cycle: its training is in the epoch table.
        List<String> lines = Files.readAllLines(out.resolve(harness.equals(AT_INIT) || harness.equals(BEFORE_A_MASK)
                ? "epochs.csv" : "cycles.csv"));
        assertTrue(lines.size() >= 2, name + ": " + lines);
    }
}

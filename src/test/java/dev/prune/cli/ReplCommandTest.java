package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prune repl} with piped input: a scripted session, nothing trained, so ND4J never starts. */
class ReplCommandTest {
    @TempDir
    Path dir;

    private CliTest.Result repl(String input, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            String[] all = new String[args.length + 1];
            all[0] = "repl";
            System.arraycopy(args, 0, all, 1, args.length);
            return CliTest.prune(all);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aPipedSessionPrintsResultsAndExitsTwoAfterARecipeError() {
        CliTest.Result r = repl("model lenet_300_100\ndata shapes(train=600,\n  test=100)\n:show layers\nmodel lenet_30\n",
                "--out", dir.resolve("run").toString());
        assertEquals(Main.RECIPE_ERROR, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("model lenet_300_100: fc1 784->300, fc2 300->100, out 100->10 (266200 weights)"), r.out());
        assertTrue(r.out().contains("    1  fc2     dense   300->100            30000         -  no"), r.out());
        assertTrue(r.out().contains("<stdin>:5:7: error: unknown model 'lenet_30'"), "at its line of the input: " + r.out());
        assertFalse(r.out().contains("prune>"), "no prompts when piped: " + r.out());
        assertFalse(Files.exists(dir.resolve("run")), "no network was built, so no run directory");
    }

    @Test
    void pipedErrorsAreAtTheirLineOfTheInput() {
        CliTest.Result r = repl("# a script\nmodel lenet_300_100\n\ndata shapes(train=600,\n  test=100, batch=-5)\n"
                + "data shapes(train=600, test=100)\nlr 0.1\nprune l1 by 20% on hidden, \\\n    10% on outptu every cycle\n",
                "--out", dir.resolve("run").toString());
        assertEquals(Main.RECIPE_ERROR, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("<stdin>:5:19: error: shapes's batch must be in 1..65536, got -5"), r.out());
        assertTrue(r.out().contains("<stdin>:9:12: error: no layer 'outptu'"), r.out());
        assertTrue(r.out().contains("    10% on outptu every cycle\n           ^~~~~~"), "the line shown is the input's: "
                + r.out());
        assertFalse(r.out().contains("<repl>"), r.out());
    }

    @Test
    void aRecipeGivenIsRunFirst() throws Exception {
        Path recipe = dir.resolve("r.prune");
        Files.writeString(recipe, "let rate = 20%\nmodel lenet_300_100\ndata shapes()\n");
        CliTest.Result r = repl(":show policies\nprune l1 by rate every cycle\n:show policies\n:quit\nseed x\n",
                recipe.toString(), "--out", dir.resolve("run").toString());
        assertEquals(Main.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("rate = 20%\nmodel lenet_300_100: fc1 784->300, fc2 300->100, out 100->10"
                + " (266200 weights)\n  prune     none\n"), r.out());
        assertTrue(r.out().contains("  prune     prune l1 by rate every cycle\n"), r.out());
    }
}

package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without training: exit codes and messages. */
class CliTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result prune(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void checkReportsEveryMistakeWithItsPositionAndExitsTwo() throws IOException {
        Path recipe = write("bad.prune", "model lenet_300_10\ndata shapes()\nlr 0.1\n"
                + "prune l1 by 120% every cycle\ntrain 5\nrun 3 cycle\n");
        Result r = prune("check", recipe.toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertTrue(r.err().contains("bad.prune:1:7: error: unknown model 'lenet_300_10'; did you mean 'lenet_300_100'?"), r.err());
        assertTrue(r.err().contains("bad.prune:4:13: error: prune rate must be between 0% and 100%"), r.err());
        assertTrue(r.err().contains("bad.prune:5:7: error: train needs a unit"), r.err());
        assertTrue(r.err().contains("      ^~~~~~~~~~~~"), "caret under the name: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void checkOfAGoodRecipeSaysOk() throws IOException {
        Path recipe = write("good.prune", "model lenet_300_100\ndata shapes()\nlr 0.1\ntrain 1 epoch\n"
                + "prune l1 by 20% every cycle; lr s_cyc(max=0.1, k=4); let eps = 1e-3\n"
                + "freeze layers where delta<eps\nretrain 1 epoch\nrun 2 cycles\n");
        Result r = prune("check", recipe.toString());
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().contains("good.prune: ok"));
    }

    @Test
    void aMissingFileIsOneSentenceAndExitTwo() {
        Result r = prune("run", dir.resolve("nope.prune").toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertTrue(r.err().startsWith("error: cannot read "), r.err());
        assertTrue(r.err().contains("nope.prune: no such file"), r.err());
    }

    @Test
    void setMustNameADeclaredParam() throws IOException {
        Path recipe = write("p.prune", "param rate = 20%\nmodel lenet_300_100\ndata shapes()\n");
        Result r = prune("check", "--set", "rat=30%", recipe.toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertTrue(r.err().contains("--set rat: " + recipe + " has no param 'rat' (params: rate)"), r.err());
        Result wrongKind = prune("check", "--set", "rate=3 epochs", recipe.toString());
        assertEquals(Main.RECIPE_ERROR, wrongKind.code());
        assertTrue(wrongKind.err().contains("does not fit param rate"), wrongKind.err());
        assertEquals(Main.OK, prune("check", "--set", "rate=30%", recipe.toString()).code());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, prune("run").code());
        assertEquals(2, prune("frobnicate").code());
    }
}

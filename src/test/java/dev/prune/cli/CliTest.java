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
        assertTrue(r.err().contains("--set rat: " + recipe + " has no param 'rat'; did you mean 'rate'? (params: rate)"),
                r.err());
        Result wrongKind = prune("check", "--set", "rate=3 epochs", recipe.toString());
        assertEquals(Main.RECIPE_ERROR, wrongKind.code());
        assertTrue(wrongKind.err().contains("does not fit param rate"), wrongKind.err());
        assertEquals(Main.OK, prune("check", "--set", "rate=30%", recipe.toString()).code());
    }

    @Test
    void aSetValueInTheWrongUnitIsOneErrorWithAdvice() throws IOException {
        Path recipe = write("q.prune", "param rate = 20%\nmodel lenet_300_100\ndata shapes()\nlr 0.1\n"
                + "prune l1 by rate every cycle\nrun 2 cycles\n");
        Result r = prune("check", "--set", "rate=50", recipe.toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertTrue(r.err().contains("--set rate=50 does not fit param rate, which is 20%; write --set rate=50%"),
                r.err());
        assertTrue(r.err().endsWith("1 error\n"), r.err());
        Result fraction = prune("check", "--set", "rate=0.5", recipe.toString());
        assertTrue(fraction.err().contains("write --set rate=50%"), fraction.err());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[] {"run", "check", "plan", "replay", "report", "bench", "repl", "fmt", "doc", "lsp"}) {
            Result r = prune(command, "--help");
            assertEquals(Main.OK, r.code(), command + ": " + r.err());
            assertTrue(r.out().contains("Usage: prune " + command), command + ": " + r.out());
        }
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, prune("run").code());
        assertEquals(2, prune("frobnicate").code());
        Result bench = prune("bench", "--only", "scoring,nope");
        assertEquals(2, bench.code());
        assertTrue(bench.err().contains("--only: there is no section 'nope'; the sections are epoch, overhead,"),
                bench.err());
    }

    @Test
    void anUnwritableRunDirectoryIsOneSentenceAndExitOne() throws IOException {
        Path file = write("plain-file", "");
        Path recipe = write("r.prune", "model lenet_300_100\ndata shapes()\n");
        Result r = prune("run", recipe.toString(), "--out", file.resolve("run").toString());
        assertEquals(Main.RUN_FAILED, r.code());
        assertEquals("error: cannot write the run directory " + file.resolve("run") + ": not a directory\n", r.err());
    }

    @Test
    void resumeAndReplayNeedARunDirectoryAndResumeTakesNoOtherSettings() throws IOException {
        Result missing = prune("run", "--resume", dir.toString());
        assertEquals(Main.RECIPE_ERROR, missing.code());
        assertEquals("error: " + dir + " is not a run directory to resume: it has no manifest.json\n", missing.err());
        Result replay = prune("replay", dir.toString());
        assertEquals(Main.RECIPE_ERROR, replay.code());
        assertTrue(replay.err().startsWith("error: " + dir + " is not a run directory to replay: it has no manifest.json"),
                replay.err());
        Result both = prune("run", "--resume", dir.toString(), "--seed", "3");
        assertEquals(Main.RECIPE_ERROR, both.code());
        assertTrue(both.err().startsWith("--resume takes the recipe and its settings from DIR/manifest.json"), both.err());
        Result variants = prune("run", "--resume", dir.toString(), "--parallel-variants", "2");
        assertEquals(Main.RECIPE_ERROR, variants.code());
        assertTrue(variants.err().startsWith("--resume takes the recipe and its settings"), variants.err());
    }

    @Test
    void parallelVariantsIsAPositiveCount() throws IOException {
        Path recipe = write("r.prune", "model lenet_300_100\ndata shapes()\n");
        Result none = prune("run", recipe.toString(), "--parallel-variants", "0");
        assertEquals(Main.RECIPE_ERROR, none.code());
        assertTrue(none.err().startsWith("--parallel-variants must be between 1 and "), none.err());
    }

    @Test
    void reportDrawsTheSummaryAgainFromTheTables() throws IOException {
        write("manifest.json", "{\"recipe\": \"/x/lth.prune\", \"status\": \"ok\", \"threads\": 1}");
        write("cycles.jsonl", """
                {"cycle":0,"sparsity":0,"accuracy":0.9,"loss":0.3,"lr_max":null,"retrained":false,"seconds":1.0,"sparsity_fc1":0}
                {"cycle":1,"sparsity":0.2,"accuracy":0.91,"loss":0.28,"lr_max":0.1,"lr_min":0.1,"epochs":2,"retrained":true,"frozen":"fc1","seconds":2.5,"dnr":0.5,"sparsity_fc1":0.2}
                """);
        Result r = prune("report", dir.toString());
        assertEquals(Main.OK, r.code(), r.err());
        String summary = Files.readString(dir.resolve("summary.md"));
        assertTrue(summary.startsWith("# lth\n"), summary);
        assertTrue(summary.contains("| cycle | sparsity | accuracy | loss | lr | epochs | frozen | dnr | seconds |"), summary);
        assertTrue(summary.contains("| 1 | 20.00% | 91.00% | 0.2800 | 0.1000 | 2.00 | fc1 | 50.00% | 2.5 |"), summary);
        assertTrue(Files.size(dir.resolve("accuracy_sparsity.png")) > 1000);
        assertEquals(Main.RECIPE_ERROR, prune("report", dir.resolve("nothing").toString()).code());
    }
}
